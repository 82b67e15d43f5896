package org.libertymail.adapter.smtp;

import java.util.Locale;

import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.sasl.SaslExchange;
import org.libertymail.adapter.protocol.sasl.SaslStep;

/**
 * The AUTH stage of an SMTP session (RFC 4954): one SASL exchange at a time, its challenges
 * as 334 replies, and the verdict as the reply that ends it. The session routes input lines
 * here while {@link #inProgress()}.
 */
final class SmtpAuthentication {
    /** How an AUTH command or response line ends: a reply, and the account when it succeeded. */
    record Outcome(String reply, String account, boolean error, long tarpitMillis) {
        Outcome(String reply, String account, boolean error) {
            this(reply, account, error, 0);
        }

        static Outcome next(String reply) {
            return new Outcome(reply, null, false);
        }
    }

    private final Authenticator authenticator;
    private final String source;
    private SaslExchange exchange;

    SmtpAuthentication(Authenticator authenticator, String source) {
        this.authenticator = authenticator;
        this.source = source;
    }

    boolean inProgress() {
        return exchange != null;
    }

    /** AUTH mechanism [initial-response], once the session has checked that AUTH may be used. */
    Outcome begin(String argument) {
        String[] parts = argument.strip().split(" +");
        if (parts[0].isEmpty() || parts.length > 2) {
            return new Outcome("501 5.5.4 Syntax: AUTH mechanism [initial-response]", null, true);
        }
        SaslExchange started = SaslExchange.of(parts[0]);
        if (started == null) {
            return new Outcome("504 5.5.4 Unrecognized authentication type " + parts[0].toUpperCase(Locale.ROOT), null, true);
        }
        exchange = started;
        return step(started.start(parts.length == 2 ? parts[1] : null));
    }

    /** A response line to the last 334 challenge. */
    Outcome respond(String line) {
        return step(exchange.respond(line));
    }

    private Outcome step(SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            return Outcome.next("334 " + challenge.base64());
        }
        exchange = null;
        if (step instanceof SaslStep.Cancelled) {
            return new Outcome("501 5.0.0 Authentication cancelled", null, true);
        }
        if (step instanceof SaslStep.Malformed malformed) {
            return new Outcome("501 5.5.2 " + malformed.reason(), null, true);
        }
        SaslStep.Credentials credentials = (SaslStep.Credentials) step;
        // No proxy authorization: an authzid, when given, must name the same account.
        if (!credentials.authorizationId().isEmpty() && !credentials.authorizationId().equalsIgnoreCase(credentials.user())) {
            return new Outcome("535 5.7.8 Authentication credentials invalid", null, true);
        }
        Authenticator.Result result = authenticator.authenticate(credentials.user(), credentials.password(), source);
        if (result.locked()) {
            return new Outcome("454 4.7.0 Too many authentication failures, try again later", null, true);
        }
        if (result.disabled()) {
            return new Outcome("535 5.7.8 This mailbox may not submit mail; contact your administrator", null, true, 0);
        }
        if (!result.succeeded()) {
            return new Outcome("535 5.7.8 Authentication credentials invalid", null, true, result.tarpitMillis());
        }
        return new Outcome("235 2.7.0 Authentication successful", result.account(), false);
    }
}
