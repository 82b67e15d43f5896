package org.libertymail.adapter.imap.search;

import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.imap.MessageView;
import org.libertymail.adapter.imap.SelectedFolder;
import org.libertymail.adapter.mime.MessageText;
import org.libertymail.adapter.protocol.StoredContent;

/**
 * Runs a search over the selected folder. Keys on flags, sizes, dates and numbers use the
 * session's own view; header keys load the stored headers, text keys the content, in batches,
 * unless the store's index answers them (then they cost one store call each, whatever the folder's size).
 */
public final class FolderSearch {
    private static final int HEADER_BATCH = 500;
    private static final int CONTENT_BATCH = 50;
    private static final Pattern DATE_DAY = Pattern.compile("(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})");

    private final MailboxAccessListener store;
    private final String account;
    private final SelectedFolder folder;

    public FolderSearch(MailboxAccessListener store, String account, SelectedFolder folder) {
        this.store = store;
        this.account = account;
        this.folder = folder;
    }

    /** @return the sequence numbers of the matching messages, ascending */
    public List<Integer> run(SearchKey key) {
        Map<String, Set<Long>> indexed = new HashMap<>();
        for (String text : SearchKey.texts(key)) {
            Set<Long> uids = store.searchText(account, folder.name(), text);
            if (uids != null) {
                indexed.put(text, uids);
            }
        }
        SearchKey.Need need = key.need(indexed.keySet());
        int exists = folder.exists();
        long largestUid = exists == 0 ? 0 : folder.message(exists).uid();
        Set<Long> saved = folder.savedUids();
        StoredContent stored = new StoredContent(store, account, folder.name());
        List<Integer> matches = new ArrayList<>();
        int batch = need == SearchKey.Need.CONTENT ? CONTENT_BATCH : HEADER_BATCH;
        for (int from = 1; from <= exists; from += batch) {
            int to = Math.min(exists, from + batch - 1);
            Map<Long, MessageData> loaded = new HashMap<>();
            if (need != SearchKey.Need.SUMMARY) {
                List<Long> uids = new ArrayList<>();
                for (int msn = from; msn <= to; msn++) {
                    uids.add(folder.message(msn).uid());
                }
                MessageLoad load = need == SearchKey.Need.HEADER ? MessageLoad.STRUCTURE : MessageLoad.ALL;
                for (MessageData d : store.fetch(account, folder.name(), uids, load)) {
                    loaded.put(d.uid(), d);
                }
            }
            for (int msn = from; msn <= to; msn++) {
                MessageSummary m = folder.message(msn);
                MessageData data = loaded.get(m.uid());
                if (need != SearchKey.Need.SUMMARY && data == null) {
                    continue; // expunged elsewhere: it matches nothing now
                }
                Context c = new Context(msn, m, exists, largestUid, saved,
                        data == null ? null : new MessageView(data, stored), indexed);
                if (key.matches(c)) {
                    matches.add(msn);
                }
            }
        }
        return matches;
    }

    private final class Context implements SearchContext {
        private final int msn;
        private final MessageSummary message;
        private final int largestMsn;
        private final long largestUid;
        private final Set<Long> saved;
        private final MessageView view;
        private final Map<String, Set<Long>> indexed;

        Context(int msn, MessageSummary message, int largestMsn, long largestUid, Set<Long> saved, MessageView view,
                Map<String, Set<Long>> indexed) {
            this.msn = msn;
            this.message = message;
            this.largestMsn = largestMsn;
            this.largestUid = largestUid;
            this.saved = saved;
            this.view = view;
            this.indexed = indexed;
        }

        public int msn() {
            return msn;
        }

        public MessageSummary message() {
            return message;
        }

        public List<String> flags() {
            return folder.flags(message);
        }

        public int largestMsn() {
            return largestMsn;
        }

        public long largestUid() {
            return largestUid;
        }

        public Set<Long> savedUids() {
            return saved;
        }

        public LocalDate internalDay() {
            return message.internalDate().atZone(ZoneOffset.UTC).toLocalDate();
        }

        public LocalDate sentDay() {
            List<String> dates = header("Date");
            if (!dates.isEmpty()) {
                Matcher m = DATE_DAY.matcher(dates.get(0));
                if (m.find()) {
                    try {
                        int year = Integer.parseInt(m.group(3));
                        year = year < 50 ? 2000 + year : year < 1000 ? 1900 + year : year; // RFC 5322 4.3
                        return LocalDate.of(year, month(m.group(2)), Integer.parseInt(m.group(1)));
                    } catch (RuntimeException unparsable) {
                        // the internal date stands in, as for a missing Date
                    }
                }
            }
            return internalDay();
        }

        public List<String> header(String field) {
            return MessageText.fields(header(), field);
        }

        public String wholeHeader() {
            return MessageText.header(header());
        }

        private byte[] header() {
            long end = view.structure().part("").innerBodyStart();
            return view.bytes(0, end);
        }

        public boolean bodyContains(String lowerCaseText) {
            Set<Long> hits = indexed.get(lowerCaseText);
            if (hits != null) {
                return hits.contains(message.uid());
            }
            return MessageText.bodyContains(view.structure(), view::bytes, lowerCaseText);
        }
    }

    private static Month month(String abbreviation) {
        for (Month m : Month.values()) {
            if (m.name().substring(0, 3).equalsIgnoreCase(abbreviation.toUpperCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException(abbreviation);
    }
}
