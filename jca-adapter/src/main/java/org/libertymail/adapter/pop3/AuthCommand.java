package org.libertymail.adapter.pop3;

import org.libertymail.adapter.protocol.sasl.SaslExchange;
import org.libertymail.adapter.protocol.sasl.SaslStep;

/** AUTH mechanism [initial-response] (RFC 5034) and the client's answers to its challenges. */
final class AuthCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        if (argument.isBlank()) {
            // RFC 1734's listing form, which some clients still send to discover mechanisms.
            session.out.line("+OK Mechanisms follow");
            if (session.context.plaintextAuthAllowed()) {
                SaslExchange.MECHANISMS.forEach(session.out::line);
            }
            session.reply(".");
            return;
        }
        if (!session.context.plaintextAuthAllowed()) {
            session.error("-ERR [AUTH] Plaintext authentication is disallowed on insecure connections; use STLS");
            return;
        }
        String[] parts = argument.strip().split(" +");
        SaslExchange exchange = parts.length > 2 ? null : SaslExchange.of(parts[0]);
        if (exchange == null) {
            session.error("-ERR Unsupported authentication mechanism");
            return;
        }
        session.sasl = exchange;
        step(session, exchange.start(parts.length == 2 ? parts[1] : null));
    }

    /** A line the client sent in answer to a challenge. */
    void respond(String line, Pop3SessionState session) {
        step(session, session.sasl.respond(line));
    }

    private static void step(Pop3SessionState session, SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            session.reply("+ " + challenge.base64());
            return;
        }
        session.sasl = null;
        if (step instanceof SaslStep.Cancelled) {
            session.error("-ERR Authentication cancelled");
        } else if (step instanceof SaslStep.Malformed malformed) {
            session.error("-ERR " + malformed.reason());
        } else {
            SaslStep.Credentials credentials = (SaslStep.Credentials) step;
            if (!credentials.authorizationId().isEmpty() && !credentials.authorizationId().equalsIgnoreCase(credentials.user())) {
                session.error("-ERR [AUTH] Authorization identity must be the user");
                return;
            }
            Login.attempt(session,
                    session.authenticator.authenticate(credentials.user(), credentials.password(), session.context.remoteIp()));
        }
    }
}
