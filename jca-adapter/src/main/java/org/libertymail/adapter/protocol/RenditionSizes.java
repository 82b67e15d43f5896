package org.libertymail.adapter.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.mime.BodyFormatConverter;

/**
 * The sizes messages have when served in another body format, as POP3's LIST and IMAP's exact
 * RFC822.SIZE must tell them. The store keeps the sizes once known, by body; only messages no
 * session converted before are read and converted here, a batch per store call.
 */
public final class RenditionSizes {
    private static final Logger LOG = Logger.getLogger(RenditionSizes.class.getName());
    static final int BATCH_MESSAGES = 64;
    static final long BATCH_BYTES = 1024 * 1024;

    private RenditionSizes() {
    }

    /** The messages with the sizes they have in {@code format}. */
    public static List<MessageSummary> of(MailboxAccessListener store, String account, String folder, RetrievalFormat format,
            List<MessageSummary> messages) {
        if (format == RetrievalFormat.BEST_BODY_FORMAT || messages.isEmpty()) {
            return messages;
        }
        Map<Long, Long> sizes = new HashMap<>(store.renditionSizes(account, folder, format.setting()));
        List<MessageSummary> missing = messages.stream().filter(m -> !sizes.containsKey(m.uid())).toList();
        Map<Long, Long> learned = new HashMap<>();
        StoredContent content = new StoredContent(store, account, folder);
        int from = 0;
        while (from < missing.size()) {
            int to = from;
            long bytes = 0;
            while (to < missing.size() && to - from < BATCH_MESSAGES && (to == from || bytes < BATCH_BYTES)) {
                bytes += missing.get(to).size();
                to++;
            }
            List<Long> uids = missing.subList(from, to).stream().map(MessageSummary::uid).toList();
            for (MessageData d : store.fetch(account, folder, uids, MessageLoad.CONTENT)) {
                byte[] stored = d.content() != null ? d.content() : content.whole(d);
                learned.put(d.uid(), (long) BodyFormatConverter.convert(stored, format).length);
            }
            from = to;
        }
        if (!learned.isEmpty()) {
            sizes.putAll(learned);
            try {
                store.rememberRenditionSizes(account, folder, format.setting(), learned);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Sizes of converted messages not kept; the next session converts again", e);
            }
        }
        List<MessageSummary> result = new ArrayList<>(messages.size());
        for (MessageSummary m : messages) {
            Long size = sizes.get(m.uid());
            result.add(size == null || size == m.size() ? m
                    : new MessageSummary(m.uid(), m.flags(), size, m.internalDate(), m.modseq()));
        }
        return result;
    }
}
