package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.api.FolderStatus;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;

/** STATUS (RFC 3501 6.3.10): the store counts, no message is listed. */
public final class StatusProcessor implements CommandProcessor<ImapCommand.Status> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Status command, ImapSessionState session) {
        FolderStatus folder = session.store().folderStatus(session.account(), command.mailbox());
        if (folder == null) {
            session.responder().no(tag, "[NONEXISTENT] Mailbox does not exist");
            return;
        }
        session.responder().untagged(statusResponse(session, command.mailbox(), folder, command.items()));
        session.responder().ok(tag, "STATUS completed");
    }

    /** The STATUS response for a folder (also LIST-STATUS's, RFC 5819). */
    static String statusResponse(ImapSessionState session, String mailbox, FolderStatus folder, List<String> items) {
        List<String> values = new ArrayList<>();
        for (String item : items) {
            long value = switch (item) {
                case "MESSAGES" -> folder.messages();
                case "RECENT" -> folder.recent();
                case "UIDNEXT" -> folder.uidNext();
                case "UIDVALIDITY" -> folder.uidValidity();
                case "HIGHESTMODSEQ" -> {
                    session.enableCondstore(); // a CONDSTORE enabling command (RFC 7162 3.1)
                    yield folder.highestModseq();
                }
                case "SIZE" -> folder.size(); // RFC 8438
                case "DELETED" -> folder.deleted();
                case "APPENDLIMIT" -> session.context().limits().maxMessageSize(); // RFC 7889
                default -> folder.unseen();
            };
            values.add(item + " " + value);
        }
        return "STATUS " + ImapStrings.string(session.clientName(mailbox)) + " (" + String.join(" ", values) + ")";
    }
}
