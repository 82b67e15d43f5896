package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.protocol.sasl.SaslExchange;
import org.libertymail.adapter.protocol.sasl.SaslStep;

/**
 * AUTHENTICATE (RFC 3501 6.2.2) with SASL-IR (RFC 4959): challenges go out as continuation
 * requests and the session hands the client's response lines back to {@link #respond}.
 */
public final class AuthenticateProcessor implements CommandProcessor<ImapCommand.Authenticate> {
    @Override
    public Set<ImapState> validIn() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Authenticate command, ImapSessionState session) {
        if (!session.context().plaintextAuthAllowed()) {
            session.responder().no(tag, "[PRIVACYREQUIRED] Authentication is disallowed on insecure connections; use STARTTLS");
            return;
        }
        SaslExchange exchange = SaslExchange.of(command.mechanism());
        if (exchange == null) {
            session.responder().no(tag, "[CANNOT] Unsupported authentication mechanism " + command.mechanism());
            return;
        }
        step(tag, exchange, exchange.start(command.initialResponse()), session);
    }

    /** The client's line answering the pending challenge. */
    public static void respond(String line, ImapSessionState session) {
        ImapSessionState.PendingAuthentication pending = session.pendingAuthentication();
        session.pendingAuthentication(null);
        step(pending.tag(), pending.exchange(), pending.exchange().respond(line), session);
    }

    private static void step(String tag, SaslExchange exchange, SaslStep step, ImapSessionState session) {
        if (step instanceof SaslStep.Challenge challenge) {
            session.pendingAuthentication(new ImapSessionState.PendingAuthentication(tag, exchange));
            session.responder().continuation(challenge.base64());
        } else if (step instanceof SaslStep.Cancelled) {
            session.responder().bad(tag, "AUTHENTICATE cancelled");
        } else if (step instanceof SaslStep.Malformed malformed) {
            session.responder().bad(tag, malformed.reason());
        } else {
            SaslStep.Credentials credentials = (SaslStep.Credentials) step;
            if (!credentials.authorizationId().isEmpty() && !credentials.authorizationId().equalsIgnoreCase(credentials.user())) {
                session.responder().no(tag, "[AUTHORIZATIONFAILED] Authorization identity must be the user");
                return;
            }
            LoginProcessor.login(tag, credentials.user(), credentials.password(), "AUTHENTICATE", session);
        }
    }
}
