package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.SelectedFolder;
import org.libertymail.adapter.imap.UidSets;
import org.libertymail.adapter.imap.search.FolderSearch;
import org.libertymail.adapter.imap.search.SearchKey;

/**
 * SEARCH and UID SEARCH (RFC 3501 6.4.4), with ESEARCH's RETURN options (RFC 4731) and SAVE
 * with "$" (RFC 5182). CHARSET UTF-8 and US-ASCII are accepted; strings are UTF-8 either way.
 */
public final class SearchProcessor implements CommandProcessor<ImapCommand.Search> {
    @Override
    public Set<ImapState> validIn() {
        return SELECTED;
    }

    @Override
    public void process(String tag, ImapCommand.Search command, ImapSessionState session) {
        String charset = command.charset();
        if (charset != null && !charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
            session.responder().no(tag, "[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset " + charset);
            return;
        }
        SelectedFolder folder = session.selected();
        boolean modseq = SearchKey.mentionsModseq(command.key());
        if (modseq) {
            session.enableCondstore(); // a CONDSTORE enabling command (RFC 7162 3.1)
        }
        List<Integer> msns = new FolderSearch(session.store(), session.account(), folder).run(command.key());
        List<Long> numbers = new ArrayList<>(msns.size());
        List<Long> uids = new ArrayList<>(msns.size());
        long highest = 0;
        for (int msn : msns) {
            highest = Math.max(highest, folder.message(msn).modseq());
            long uid = folder.message(msn).uid();
            uids.add(uid);
            numbers.add(command.byUid() ? uid : msn);
        }
        String done = (command.byUid() ? "UID " : "") + "SEARCH completed";
        Set<String> options = command.returnOptions();
        if (options == null && session.rev2()) {
            options = Set.of("ALL"); // IMAP4rev2 answers SEARCH with ESEARCH (RFC 9051 6.4.4)
        }
        if (options == null) {
            StringBuilder line = new StringBuilder("SEARCH");
            numbers.forEach(n -> line.append(' ').append(n));
            if (modseq && !numbers.isEmpty()) {
                line.append(" (MODSEQ ").append(highest).append(')');
            }
            session.responder().untagged(line.toString());
            session.responder().ok(tag, done);
            return;
        }
        if (options.contains("SAVE")) {
            folder.save(uids);
        }
        if (options.equals(Set.of("SAVE"))) {
            session.responder().ok(tag, done); // SAVE alone: no ESEARCH response (RFC 5182 2.4)
            return;
        }
        boolean all = options.isEmpty() || options.contains("ALL");
        StringBuilder line = new StringBuilder("ESEARCH (TAG \"").append(tag).append("\")");
        if (command.byUid()) {
            line.append(" UID");
        }
        if (!numbers.isEmpty()) {
            if (options.contains("MIN")) {
                line.append(" MIN ").append(numbers.get(0));
            }
            if (options.contains("MAX")) {
                line.append(" MAX ").append(numbers.get(numbers.size() - 1));
            }
            if (all) {
                line.append(" ALL ").append(UidSets.of(numbers));
            }
        }
        if (options.contains("COUNT")) {
            line.append(" COUNT ").append(numbers.size());
        }
        if (modseq && !numbers.isEmpty()) {
            line.append(" MODSEQ ").append(highest);
        }
        session.responder().untagged(line.toString());
        session.responder().ok(tag, done);
    }
}
