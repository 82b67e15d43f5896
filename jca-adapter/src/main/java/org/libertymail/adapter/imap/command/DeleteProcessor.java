package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.api.FolderChange;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/**
 * DELETE (RFC 3501 6.3.4). A folder with folders below it is refused, as Dovecot does, rather
 * than left behind as a \Noselect name; INBOX cannot be deleted. Deleting the selected folder
 * closes it, said with the RFC 7162 CLOSED response code.
 */
public final class DeleteProcessor implements CommandProcessor<ImapCommand.Delete> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public boolean changesMail(ImapCommand.Delete command) {
        return true;
    }

    @Override
    public void process(String tag, ImapCommand.Delete command, ImapSessionState session) {
        FolderChange change = session.store().deleteFolder(session.account(), command.mailbox());
        if (change == FolderChange.DONE && session.selected() != null && session.selected().name().equals(command.mailbox())) {
            session.deselect();
            session.responder().untagged("OK [CLOSED] The selected mailbox was deleted");
        }
        FolderChanges.answer(tag, "DELETE", change, session);
    }
}
