package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapResponder;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.SelectedFolder;

/** SELECT and EXAMINE (RFC 3501 6.3.1, 6.3.2). */
public final class SelectProcessor implements CommandProcessor<ImapCommand.Select> {
    private static final String FLAGS = "(\\Answered \\Flagged \\Deleted \\Seen \\Draft)";

    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Select command, ImapSessionState session) {
        // A SELECT that fails still leaves the previous mailbox closed (RFC 3501 6.3.1).
        session.deselect();
        FolderSnapshot snapshot = session.store().openFolder(session.account(), command.mailbox(), !command.readOnly());
        ImapResponder r = session.responder();
        if (snapshot == null) {
            r.no(tag, "[NONEXISTENT] Mailbox does not exist");
            return;
        }
        SelectedFolder folder = new SelectedFolder(snapshot, command.readOnly());
        r.untagged("FLAGS " + FLAGS);
        r.untagged("OK [PERMANENTFLAGS " + (command.readOnly() ? "()" : "(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)")
                + "] Limited");
        r.untagged(folder.exists() + " EXISTS");
        r.untagged(folder.recentCount() + " RECENT");
        int unseen = folder.firstUnseen();
        if (unseen > 0) {
            r.untagged("OK [UNSEEN " + unseen + "] First unseen");
        }
        r.untagged("OK [UIDVALIDITY " + folder.uidValidity() + "] UIDs valid");
        r.untagged("OK [UIDNEXT " + folder.uidNext() + "] Predicted next UID");
        session.select(folder);
        r.ok(tag, (command.readOnly() ? "[READ-ONLY] EXAMINE" : "[READ-WRITE] SELECT") + " completed");
    }
}
