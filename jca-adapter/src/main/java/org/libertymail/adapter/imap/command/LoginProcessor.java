package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

public final class LoginProcessor implements CommandProcessor<ImapCommand.Login> {
    @Override
    public Set<ImapState> validIn() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Login command, ImapSessionState session) {
        if (!session.context().plaintextAuthAllowed()) {
            session.responder().no(tag, "[PRIVACYREQUIRED] Plaintext authentication is disallowed on insecure connections");
            return;
        }
        String account = session.store().authenticate(command.user(), command.password());
        if (account == null) {
            session.responder().no(tag, "[AUTHENTICATIONFAILED] Invalid credentials");
            return;
        }
        session.authenticated(account);
        session.responder().ok(tag, "[CAPABILITY " + session.capabilities() + "] LOGIN completed");
    }
}
