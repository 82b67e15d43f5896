package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.SelectedFolder;

/** CLOSE (RFC 3501 6.4.2): silent expunge unless read-only; UNSELECT (RFC 3691): none. */
public final class CloseProcessor implements CommandProcessor<ImapCommand.Close> {
    @Override
    public Set<ImapState> validIn() {
        return SELECTED;
    }

    @Override
    public boolean changesMail(ImapCommand.Close command) {
        return command.expunge();
    }

    @Override
    public void process(String tag, ImapCommand.Close command, ImapSessionState session) {
        SelectedFolder folder = session.selected();
        if (command.expunge() && !folder.readOnly() && folder.may('e')) { // RFC 4314: no "e", nothing to expunge
            session.store().expunge(session.account(), folder.name());
        }
        session.deselect();
        session.responder().ok(tag, (command.expunge() ? "CLOSE" : "UNSELECT") + " completed");
    }
}
