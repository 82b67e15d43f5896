package org.libertymail.adapter.smtp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.libertymail.adapter.api.MailDeliveryListener;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.ProtocolSession;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.SessionOutput;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.abuse.MessageRates;

/**
 * The SMTP server (RFC 5321) with ENHANCEDSTATUSCODES (RFC 3463), SIZE (RFC 1870), 8BITMIME
 * (RFC 6152), PIPELINING (RFC 2920), STARTTLS (RFC 3207), AUTH (RFC 4954), SMTPUTF8 (RFC 6531),
 * DSN (RFC 3461) and CHUNKING/BINARYMIME (RFC 3030). This class takes input from the transport
 * and hands each command to its stage ({@link HelloStage}, {@link StartTlsStage},
 * {@link AuthStage}, {@link MailStage}, {@link RcptStage}, {@link DataStage}, {@link BdatStage});
 * the session's state is one {@link SmtpSessionState}. What a client may do follows its binding
 * ({@link SessionContext#endpoint()}): on an MX binding anyone delivers to local mailboxes; on a
 * submission binding an authenticated user sends, from its own address, also to other domains
 * a send connector routes. 250 after the content means the store has committed the message.
 */
public final class SmtpSession implements ProtocolSession {
    /** Commands whose handling is in memory only; see {@link #quick}. */
    private static final Set<String> QUICK_VERBS = Set.of("EHLO", "HELO", "MAIL", "DATA", "RSET",
            "NOOP", "VRFY", "EXPN", "HELP", "QUIT");
    private static final HelloStage HELLO = new HelloStage();
    private static final StartTlsStage START_TLS = new StartTlsStage();
    private static final AuthStage AUTH = new AuthStage();
    private static final MailStage MAIL = new MailStage();
    private static final RcptStage RCPT = new RcptStage();
    private static final DataStage DATA = new DataStage();
    private static final BdatStage BDAT = new BdatStage();

    private final SmtpSessionState session;
    /** RFC 5321 3.8: 421 with the server's name; built once, as it is read from other threads. */
    private final byte[] farewell;

    /** A session without login throttling (engine tests). */
    public SmtpSession(SessionContext context, SessionOutput out, MailDeliveryListener store, Clock clock) {
        this(context, out, store, Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.SMTP)),
                new MessageRates(), new RecipientCache(), clock);
    }

    /**
     * @param rates transactions per source and minute, shared by the sessions of all connectors
     * @param knownRecipients the store's recent RCPT answers, shared likewise
     */
    public SmtpSession(SessionContext context, SessionOutput out, MailDeliveryListener store, Authenticator authenticator,
            MessageRates rates, RecipientCache knownRecipients, Clock clock) {
        this.session = new SmtpSessionState(context, out, store, knownRecipients, rates,
                new SmtpAuthentication(authenticator, context.remoteIp()), clock);
        this.farewell = ("421 4.3.2 " + context.serverName() + " Session closed by the administrator\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void start() {
        String banner = session.context.endpoint().custom().banner();
        session.reply("220 " + (banner != null ? banner : session.context.serverName() + " ESMTP LibertyMail ready"));
    }

    @Override
    public void onFrame(byte[] frame) {
        if (session.closed) {
            return;
        }
        if (session.transaction.receivingData) {
            DATA.line(frame, session);
            return;
        }
        if (session.authentication.inProgress()) {
            AUTH.respond(new String(frame, StandardCharsets.ISO_8859_1), session);
            return;
        }
        // ISO-8859-1 maps every byte to one char, so nothing in a command is lost or rejected here.
        command(SmtpCommand.parse(new String(frame, StandardCharsets.ISO_8859_1)));
    }

    /**
     * A message line that stays in memory, or a command that needs neither the store nor the
     * TLS handshake: everything of a plain transaction except the final "." and a RCPT the
     * store has not answered a moment ago.
     */
    @Override
    public boolean quick(byte[] frame) {
        if (session.closed) {
            return true;
        }
        MailTransaction transaction = session.transaction;
        if (transaction.receivingData) {
            return !(frame.length == 1 && frame[0] == '.')
                    && (transaction.dataTooLarge || transaction.data.staysInMemory(frame.length + 2));
        }
        if (session.authentication.inProgress() || frame.length < 4 || frame.length > 4 && frame[4] != ' ') {
            return false;
        }
        String verb = new String(frame, 0, 4, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        if (verb.equals("RCPT")) {
            return transaction.started() && recipientAlreadyKnown(SmtpCommand.parse(new String(frame, StandardCharsets.ISO_8859_1)));
        }
        return QUICK_VERBS.contains(verb);
    }

    /** A well-formed RCPT whose ASCII address the store accepted a moment ago (see {@link RecipientCache}). */
    private boolean recipientAlreadyKnown(SmtpCommand command) {
        Optional<PathArgument> path = PathArgument.parse(command.argument(), "TO");
        return path.isPresent() && !path.get().address().isEmpty() && SmtpSessionState.isAscii(path.get().address())
                && session.knownRecipients.lookup(path.get().address(), session.transaction.declaredSize) != null;
    }

    @Override
    public String forLog(byte[] frame) {
        if (session.transaction.receivingData) {
            return null; // message content is not protocol
        }
        if (session.authentication.inProgress()) {
            return "****";
        }
        String line = new String(frame, StandardCharsets.ISO_8859_1);
        String[] parts = line.strip().split(" +");
        return parts.length > 2 && parts[0].equalsIgnoreCase("AUTH") ? parts[0] + " " + parts[1] + " ****" : line;
    }

    @Override
    public void onLineTooLong() {
        if (session.transaction.receivingData) {
            session.transaction.dataLineTooLong = true;
        } else {
            session.error("500 5.5.2 Line too long");
        }
    }

    @Override
    public void onChunk(byte[] piece, boolean end) {
        if (!session.closed) {
            BDAT.chunk(piece, end, session);
        }
    }

    @Override
    public byte[] farewell() {
        return farewell;
    }

    @Override
    public void onIdleTimeout() {
        if (!session.closed) {
            session.close("421 4.4.2 " + session.context.serverName() + " Error: timeout exceeded");
        }
    }

    @Override
    public void onDisconnect() {
        session.transaction.reset(); // deletes a spool file of an unfinished DATA
    }

    private void command(SmtpCommand command) {
        switch (command.verb()) {
            case "EHLO", "HELO" -> HELLO.handle(command, session);
            case "MAIL" -> MAIL.handle(command, session);
            case "RCPT" -> RCPT.handle(command, session);
            case "DATA" -> DATA.handle(command, session);
            case "BDAT" -> BDAT.handle(command, session);
            case "STARTTLS" -> START_TLS.handle(command, session);
            case "AUTH" -> AUTH.handle(command, session);
            case "RSET" -> {
                if (!command.argument().isEmpty()) {
                    session.error("501 5.5.4 Syntax: RSET");
                } else {
                    session.transaction.reset();
                    session.reply("250 2.0.0 Ok");
                }
            }
            case "NOOP" -> session.reply("250 2.0.0 Ok");
            case "QUIT" -> session.close("221 2.0.0 " + session.context.serverName() + " closing connection");
            case "VRFY" -> session.reply("252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery");
            case "EXPN" -> session.reply("502 5.5.1 EXPN not available");
            case "HELP" -> session.reply("214 2.0.0 Commands: EHLO HELO STARTTLS AUTH MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP");
            default -> session.error("500 5.5.2 Syntax error, command unrecognized");
        }
    }
}
