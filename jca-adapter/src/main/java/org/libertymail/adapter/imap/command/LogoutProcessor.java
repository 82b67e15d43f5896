package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

public final class LogoutProcessor implements CommandProcessor<ImapCommand.Logout> {
    @Override
    public Set<ImapState> validIn() {
        return ANY;
    }

    @Override
    public void process(String tag, ImapCommand.Logout command, ImapSessionState session) {
        session.responder().untagged("BYE LibertyMail IMAP4rev1 server logging out");
        session.responder().ok(tag, "LOGOUT completed");
        session.logout();
        session.responder().close();
    }
}
