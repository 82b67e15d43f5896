package org.libertymail.adapter.pop3;

import java.util.UUID;

import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.SessionOutput;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.sasl.SaslExchange;

/**
 * What one POP3 session knows, shared by its commands, with the replies every command writes:
 * the commands themselves hold nothing. Before login {@link #maildrop} is null (the
 * AUTHORIZATION state of RFC 1939), after it the session is in the TRANSACTION state.
 */
final class Pop3SessionState {
    /** Changes once, at STLS. */
    SessionContext context;
    final SessionOutput out;
    final MailboxAccessListener store;
    final Authenticator authenticator;
    final LoginDelays delays;
    /** The greeting's timestamp that APOP digests (RFC 1939 section 7); new for every session. */
    final String timestamp;
    /** This session's name on the maildrop lock (RFC 1939 8), held in the store for every server. */
    final String holder = UUID.randomUUID().toString();
    /** The SASL exchange waiting for the client's next response line, or null. */
    SaslExchange sasl;
    /** The name USER gave, waiting for PASS. */
    String user;
    /** The opened maildrop, or null before login. */
    Maildrop maildrop;
    int badCommands;
    boolean closed;

    Pop3SessionState(SessionContext context, SessionOutput out, MailboxAccessListener store, Authenticator authenticator,
            LoginDelays delays, String timestamp) {
        this.context = context;
        this.out = out;
        this.store = store;
        this.authenticator = authenticator;
        this.delays = delays;
        this.timestamp = timestamp;
    }

    /** A refusal of what the client sent; too many of them end the session. */
    void error(String line) {
        badCommands++;
        if (badCommands > context.limits().maxBadCommands()) {
            quit("-ERR Too many errors");
            return;
        }
        reply(line);
    }

    void reply(String line) {
        out.line(line);
        out.flush();
    }

    /** Says {@code line}, lets the maildrop go and closes the connection. */
    void quit(String line) {
        closed = true;
        release();
        out.line(line);
        out.close();
    }

    /** Lets the maildrop's lock go, if this session holds it. */
    void release() {
        if (maildrop != null) {
            maildrop.release();
        }
    }
}
