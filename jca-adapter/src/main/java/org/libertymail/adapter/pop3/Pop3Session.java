package org.libertymail.adapter.pop3;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.BackendUnavailableException;
import org.libertymail.adapter.protocol.ProtocolSession;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.SessionOutput;
import org.libertymail.adapter.protocol.StoredContent;
import org.libertymail.adapter.protocol.abuse.Authenticator;

/**
 * The POP3 server (RFC 1939) with CAPA and response codes (RFC 2449, RFC 3206), STLS (RFC 2595)
 * and SASL AUTH (RFC 5034). This class takes lines from the transport and hands each to its
 * command, by the state RFC 1939 names: AUTHORIZATION before login, TRANSACTION after it
 * ({@link Maildrop}: the account's INBOX as it was at login; DELE marks, and only QUIT removes
 * marked messages, the UPDATE state). The session's state is one {@link Pop3SessionState}.
 */
public final class Pop3Session implements ProtocolSession {
    private static final Logger LOG = Logger.getLogger(Pop3Session.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AuthCommand AUTH = new AuthCommand();
    private static final CapaCommand CAPA = new CapaCommand();
    private static final QuitCommand QUIT = new QuitCommand();
    private static final Pop3Command NOT_YET = (argument, session) -> session.error("-ERR Command not valid before authentication");
    private static final Pop3Command ALREADY = (argument, session) -> session.error("-ERR Already authenticated");
    private static final Map<String, Pop3Command> AUTHORIZATION = Map.ofEntries(Map.entry("CAPA", CAPA),
            Map.entry("USER", new UserCommand()), Map.entry("PASS", new PassCommand()), Map.entry("APOP", new ApopCommand()),
            Map.entry("STLS", new StlsCommand()), Map.entry("AUTH", AUTH), Map.entry("QUIT", QUIT),
            Map.entry("STAT", NOT_YET), Map.entry("LIST", NOT_YET), Map.entry("UIDL", NOT_YET), Map.entry("RETR", NOT_YET),
            Map.entry("DELE", NOT_YET), Map.entry("RSET", NOT_YET), Map.entry("NOOP", NOT_YET), Map.entry("TOP", NOT_YET));
    private static final Map<String, Pop3Command> TRANSACTION = Map.ofEntries(Map.entry("CAPA", CAPA),
            Map.entry("STAT", new StatCommand()), Map.entry("LIST", new ListCommand(false)),
            Map.entry("UIDL", new ListCommand(true)), Map.entry("RETR", new RetrCommand()), Map.entry("TOP", new TopCommand()),
            Map.entry("DELE", new DeleCommand()), Map.entry("RSET", new RsetCommand()),
            Map.entry("NOOP", (argument, session) -> session.reply("+OK")), Map.entry("QUIT", QUIT),
            Map.entry("USER", ALREADY), Map.entry("PASS", ALREADY), Map.entry("APOP", ALREADY), Map.entry("AUTH", ALREADY),
            Map.entry("STLS", ALREADY));
    private static final Pop3Command UNKNOWN = (argument, session) -> session.error("-ERR Unknown command");

    private final Pop3SessionState session;

    /** A session without login throttling and with login delays of its own (engine tests). */
    public Pop3Session(SessionContext context, SessionOutput out, MailboxAccessListener store) {
        this(context, out, store, Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.POP3)));
    }

    public Pop3Session(SessionContext context, SessionOutput out, MailboxAccessListener store, Authenticator authenticator) {
        this(context, out, store, authenticator, new LoginDelays());
    }

    public Pop3Session(SessionContext context, SessionOutput out, MailboxAccessListener store, Authenticator authenticator,
            LoginDelays delays) {
        String host = context.endpoint().custom().fqdn();
        String timestamp = "<" + Long.toHexString(RANDOM.nextLong() >>> 1) + "." + System.currentTimeMillis() + "@"
                + (host == null ? "localhost" : host) + ">";
        this.session = new Pop3SessionState(context, out, store, authenticator, delays, timestamp);
    }

    @Override
    public void start() {
        String banner = session.context.endpoint().custom().banner();
        session.reply("+OK " + (banner != null ? banner : "LibertyMail POP3 server ready") + " " + session.timestamp);
    }

    @Override
    public String forLog(byte[] frame) {
        if (session.sasl != null) {
            return "****";
        }
        String line = new String(frame, StandardCharsets.UTF_8);
        String[] parts = line.strip().split(" +");
        if (parts[0].equalsIgnoreCase("PASS")) {
            return "PASS ****";
        }
        if (parts[0].equalsIgnoreCase("APOP") && parts.length > 2) {
            return "APOP " + parts[1] + " ****";
        }
        return parts.length > 2 && parts[0].equalsIgnoreCase("AUTH") ? parts[0] + " " + parts[1] + " ****" : line;
    }

    @Override
    public void onLineTooLong() {
        session.error("-ERR Line too long");
    }

    @Override
    public void onIdleTimeout() {
        if (!session.closed) {
            session.closed = true;
            session.out.line("-ERR Autologout; idle for too long");
            session.out.close();
        }
    }

    @Override
    public void onFrame(byte[] frame) {
        if (session.closed) {
            return;
        }
        String line = new String(frame, StandardCharsets.UTF_8);
        try {
            if (session.sasl != null) {
                AUTH.respond(line, session);
                return;
            }
            int space = line.indexOf(' ');
            String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String argument = space < 0 ? "" : line.substring(space + 1);
            if (session.maildrop == null) {
                AUTHORIZATION.getOrDefault(verb, UNKNOWN).handle(argument, session);
            } else {
                session.maildrop.renewLock();
                TRANSACTION.getOrDefault(verb, UNKNOWN).handle(argument, session);
            }
        } catch (BackendUnavailableException e) {
            session.reply("-ERR [SYS/TEMP] " + e.getMessage() + ", try again later");
        } catch (StoredContent.MessageGoneException e) {
            // Part of a response is on the wire already; only closing the connection is honest.
            LOG.log(Level.INFO, e.getMessage());
            session.out.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "POP3 command failed", e);
            session.reply("-ERR [SYS/TEMP] Local error in processing");
        }
    }

    /** A dropped connection deletes nothing (RFC 1939 6) and lets the maildrop go. */
    @Override
    public void onDisconnect() {
        session.release();
    }
}
