package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.protocol.SessionEvent;
import org.libertymail.adapter.protocol.abuse.Authenticator;

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
        login(tag, command.user(), command.password(), "LOGIN", session);
    }

    /** Checks credentials for LOGIN and AUTHENTICATE alike and answers the command. */
    static void login(String tag, String user, String password, String commandName, ImapSessionState session) {
        Authenticator.Result result = session.authenticator().authenticate(user, password, session.context().remoteIp());
        if (result.locked()) {
            session.responder().no(tag, "[UNAVAILABLE] Too many authentication failures, try again later");
            return;
        }
        if (result.disabled()) {
            session.responder().no(tag, "[CONTACTADMIN] IMAP access to this mailbox is disabled"); // RFC 5530
            return;
        }
        if (!result.succeeded()) {
            session.responder().count(SessionEvent.AUTH_FAILURE);
            session.responder().holdFor(result.tarpitMillis());
            session.responder().no(tag, "[AUTHENTICATIONFAILED] Invalid credentials");
            return;
        }
        if (!session.responder().authenticated(result.account())) {
            session.responder().no(tag, "[UNAVAILABLE] Too many sessions for this account, try again later");
            return;
        }
        session.authenticated(result.account(), result.overrides());
        session.responder().ok(tag, "[CAPABILITY " + session.capabilities() + "] " + commandName + " completed");
    }
}
