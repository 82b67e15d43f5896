package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/** CREATE (RFC 3501 6.3.3): missing superiors are created too. */
public final class CreateProcessor implements CommandProcessor<ImapCommand.Create> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Create command, ImapSessionState session) {
        String name = FolderChanges.newName(tag, command.mailbox(), session);
        if (name == null) {
            return;
        }
        if (name.equalsIgnoreCase("INBOX")) {
            session.responder().no(tag, "[ALREADYEXISTS] INBOX always exists");
            return;
        }
        FolderChanges.answer(tag, "CREATE", session.store().createFolder(session.account(), name), session);
    }
}
