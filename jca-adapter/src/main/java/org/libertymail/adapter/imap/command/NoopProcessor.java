package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.SelectedFolder;

/** NOOP and CHECK: in the selected state, report what other sessions changed. */
public final class NoopProcessor implements CommandProcessor<ImapCommand.Noop> {
    @Override
    public Set<ImapState> validIn() {
        return ANY;
    }

    @Override
    public void process(String tag, ImapCommand.Noop command, ImapSessionState session) {
        if (command.check() && session.state() != ImapState.SELECTED) {
            session.responder().bad(tag, "No mailbox selected");
            return;
        }
        if (synchronize(session)) {
            session.responder().ok(tag, (command.check() ? "CHECK" : "NOOP") + " completed");
        }
    }

    /**
     * Tells the client what changed in the selected folder (nothing without one). @return false
     * when the folder is gone or was recreated, and the session has been ended with BYE
     */
    public static boolean synchronize(ImapSessionState session) {
        SelectedFolder selected = session.selected();
        if (selected != null) {
            FolderDelta now = session.deltas().since(session.account(), selected.name(), selected.highestModseq(),
                    selected.lastUid());
            if (now == null || now.uidValidity() != selected.uidValidity()) {
                session.responder().untagged("BYE Mailbox was deleted or recreated by another session");
                session.logout();
                session.responder().close();
                return false;
            }
            for (String response : selected.synchronize(now, session.condstore(), session.qresync())) {
                session.responder().untagged(response);
            }
        }
        return true;
    }
}
