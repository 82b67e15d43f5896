package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;
import org.libertymail.adapter.imap.SystemFlags;

public final class StatusProcessor implements CommandProcessor<ImapCommand.Status> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Status command, ImapSessionState session) {
        FolderSnapshot folder = session.store().openFolder(session.account(), command.mailbox(), false);
        if (folder == null) {
            session.responder().no(tag, "[NONEXISTENT] Mailbox does not exist");
            return;
        }
        session.responder().untagged(statusResponse(session, command.mailbox(), folder, command.items()));
        session.responder().ok(tag, "STATUS completed");
    }

    /** The STATUS response for a folder (also LIST-STATUS's, RFC 5819). */
    static String statusResponse(ImapSessionState session, String mailbox, FolderSnapshot folder, List<String> items) {
        List<String> values = new ArrayList<>();
        for (String item : items) {
            long value = switch (item) {
                case "MESSAGES" -> folder.messages().size();
                case "RECENT" -> folder.messages().stream().filter(m -> m.uid() >= folder.firstRecentUid()).count();
                case "UIDNEXT" -> folder.uidNext();
                case "UIDVALIDITY" -> folder.uidValidity();
                case "HIGHESTMODSEQ" -> {
                    session.enableCondstore(); // a CONDSTORE enabling command (RFC 7162 3.1)
                    yield folder.highestModseq();
                }
                case "SIZE" -> folder.messages().stream().mapToLong(MessageSummary::size).sum(); // RFC 8438
                case "DELETED" -> folder.messages().stream().filter(m -> m.flags().contains(SystemFlags.DELETED)).count();
                case "APPENDLIMIT" -> session.context().limits().maxMessageSize(); // RFC 7889
                default -> folder.messages().stream().map(MessageSummary::flags)
                        .filter(f -> !f.contains(SystemFlags.SEEN)).count();
            };
            values.add(item + " " + value);
        }
        return "STATUS " + ImapStrings.string(session.clientName(mailbox)) + " (" + String.join(" ", values) + ")";
    }
}
