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
        List<String> values = new ArrayList<>();
        for (String item : command.items()) {
            long value = switch (item) {
                case "MESSAGES" -> folder.messages().size();
                case "RECENT" -> folder.messages().stream().filter(m -> m.uid() >= folder.firstRecentUid()).count();
                case "UIDNEXT" -> folder.uidNext();
                case "UIDVALIDITY" -> folder.uidValidity();
                case "HIGHESTMODSEQ" -> {
                    session.enableCondstore(); // a CONDSTORE enabling command (RFC 7162 3.1)
                    yield folder.highestModseq();
                }
                default -> folder.messages().stream().map(MessageSummary::flags)
                        .filter(f -> !f.contains(SystemFlags.SEEN)).count();
            };
            values.add(item + " " + value);
        }
        session.responder().untagged("STATUS " + ImapStrings.string(command.mailbox()) + " (" + String.join(" ", values) + ")");
        session.responder().ok(tag, "STATUS completed");
    }
}
