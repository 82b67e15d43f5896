package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.api.FolderChange;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/**
 * RENAME (RFC 3501 6.3.5): the folders below move along; renaming INBOX moves its messages into
 * the new folder and leaves INBOX empty. A selected folder that is renamed (itself or a folder
 * above it) stays selected under its new name, as in Dovecot.
 */
public final class RenameProcessor implements CommandProcessor<ImapCommand.Rename> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public boolean changesMail(ImapCommand.Rename command) {
        return true;
    }

    @Override
    public void process(String tag, ImapCommand.Rename command, ImapSessionState session) {
        String to = FolderChanges.newName(tag, command.to(), session);
        if (to == null) {
            return;
        }
        FolderChange change = session.store().renameFolder(session.account(), command.from(), to);
        String selected = session.selected() == null ? null : session.selected().name();
        if (change == FolderChange.DONE && selected != null && !command.from().equals("INBOX")
                && (selected.equals(command.from()) || selected.startsWith(command.from() + "/"))) {
            session.selected().renamedTo(to + selected.substring(command.from().length()));
        }
        FolderChanges.answer(tag, "RENAME", change, session);
    }
}
