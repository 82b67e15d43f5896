package org.libertymail.adapter.smtp;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.libertymail.adapter.api.MailDeliveryListener;
import org.libertymail.adapter.protocol.BackendUnavailableException;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.SessionOutput;
import org.libertymail.adapter.protocol.abuse.MessageRates;

/**
 * What one SMTP session knows, shared by its stages ({@link HelloStage}, {@link AuthStage},
 * {@link MailStage}, {@link RcptStage}, {@link DataStage}), with the replies every stage
 * writes: the stages themselves hold nothing.
 */
final class SmtpSessionState {
    private static final Logger LOG = Logger.getLogger(SmtpSessionState.class.getName());

    /** Changes once, at STARTTLS. */
    SessionContext context;
    final SessionOutput out;
    final MailDeliveryListener store;
    final RecipientCache knownRecipients;
    final MessageRates rates;
    final SmtpAuthentication authentication;
    final Clock clock;
    final MailTransaction transaction = new MailTransaction();
    /** The authenticated account, or null. */
    String account;
    int logonFailures;
    /** The EHLO/HELO argument, or null before it. */
    String heloName;
    /** EHLO rather than HELO. */
    boolean extended;
    int badCommands;
    boolean closed;

    SmtpSessionState(SessionContext context, SessionOutput out, MailDeliveryListener store, RecipientCache knownRecipients,
            MessageRates rates, SmtpAuthentication authentication, Clock clock) {
        this.context = context;
        this.out = out;
        this.store = store;
        this.knownRecipients = knownRecipients;
        this.rates = rates;
        this.authentication = authentication;
        this.clock = clock;
    }

    Endpoint.SmtpOptions options() {
        return context.endpoint().custom().smtp();
    }

    /** A refusal of what the client sent; too many of them end the session (RFC 5321 4.3.2 allows it). */
    void error(String reply) {
        badCommands++;
        if (badCommands > context.limits().maxBadCommands()) {
            close("421 4.7.0 " + context.serverName() + " Error: too many errors");
            return;
        }
        reply(reply);
    }

    void reply(String line) {
        out.line(text(line));
        out.flush();
    }

    /** Says {@code lines} and closes the connection; nothing the client sends afterwards is read. */
    void close(String... lines) {
        closed = true;
        for (String line : lines) {
            out.line(text(line));
        }
        out.close();
    }

    /** A reply as this connector speaks it: without the enhanced status code if that is off. */
    String text(String reply) {
        if (options().offers("ENHANCEDSTATUSCODES")) {
            return reply;
        }
        return reply.replaceFirst("^([245][0-9][0-9][ -])[245]\\.[0-9]{1,3}\\.[0-9]{1,3} ", "$1");
    }

    /** 451 for a store call that failed: the client tries again later, nothing was accepted. */
    static String temporaryFailure(RuntimeException e) {
        LOG.log(Level.WARNING, "SMTP store call failed", e);
        return e instanceof BackendUnavailableException
                ? "451 4.3.0 " + e.getMessage() + ", try again later"
                : "451 4.3.0 Error: local error in processing";
    }

    static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
