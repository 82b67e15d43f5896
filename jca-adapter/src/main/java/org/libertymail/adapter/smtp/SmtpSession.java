package org.libertymail.adapter.smtp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.Envelope;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.MailDeliveryListener;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.RecipientCheck;
import org.libertymail.adapter.api.RecipientVerdict;
import org.libertymail.adapter.mime.MessageAnalyzer;
import org.libertymail.adapter.protocol.BackendUnavailableException;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.MessageSpool;
import org.libertymail.adapter.protocol.ProtocolSession;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.SessionEvent;
import org.libertymail.adapter.protocol.SessionOutput;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.abuse.MessageRates;
import org.libertymail.adapter.protocol.sasl.SaslExchange;

/**
 * The SMTP server state machine (RFC 5321) with ENHANCEDSTATUSCODES (RFC 3463), SIZE
 * (RFC 1870), 8BITMIME (RFC 6152), PIPELINING (RFC 2920), STARTTLS (RFC 3207) and AUTH
 * (RFC 4954). What a client may do follows its binding ({@link SessionContext#endpoint()}):
 * on an MX binding anyone delivers to local mailboxes; on a submission binding only an
 * authenticated user sends, from its own address. Mail is accepted for local mailboxes only
 * (no outbound delivery yet); 250 after DATA means the store has committed the message.
 */
public final class SmtpSession implements ProtocolSession {
    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());

    private static final byte[] CRLF = {'\r', '\n'};
    /** The BDAT argument; the transport's SmtpFrameDecoder reads chunks after exactly these lines. */
    private static final java.util.regex.Pattern BDAT_ARGUMENT = java.util.regex.Pattern.compile("(?i)([0-9]{1,18})(?:[ \t]+(LAST))?");

    private SessionContext context;
    /** RFC 5321 3.8: 421 with the server's name; built once, as it is read from other threads. */
    private final byte[] farewell;
    private final SessionOutput out;
    /** Commands whose handling is in memory only; see {@link #quick}. */
    private static final Set<String> QUICK_VERBS = Set.of("EHLO", "HELO", "MAIL", "DATA", "RSET",
            "NOOP", "VRFY", "EXPN", "HELP", "QUIT");

    private final MailDeliveryListener store;
    private final RecipientCache knownRecipients;
    private final Clock clock;
    private final SmtpAuthentication authentication;
    private final MessageRates rates;
    /** The authenticated account, or null. */
    private String account;
    private int logonFailures;

    private String heloName;
    private boolean extended;
    private String reversePath;
    /** The MAIL FROM SIZE parameter, -1 when none was given. */
    private long declaredSize = -1;
    private final List<String> recipients = new ArrayList<>();
    /** Each accepted recipient's envelope data (remote or local, DSN parameters), by address as given. */
    private final Map<String, EnvelopeRecipient> recipientDetails = new HashMap<>();
    private String envid;
    private String ret;
    private boolean receivingData;
    private MessageSpool data;
    private boolean dataTooLarge;
    private boolean dataLineTooLong;
    /** The Received headers of the message coming in (DATA or BDAT). */
    private ReceivedCounter hops;
    /** BDAT (RFC 3030): the transaction's content comes in chunks. */
    private boolean chunking;
    private boolean lastChunk;
    private long chunkOctets;
    /** Why the BDAT whose chunk is arriving is refused (said once the chunk is consumed), or null. */
    private String chunkRefusal;
    /** BODY=BINARYMIME: the content may only come by BDAT. */
    private boolean binaryMime;
    /** MAIL FROM ... SMTPUTF8 (RFC 6531): UTF-8 addresses and headers in this transaction. */
    private boolean utf8;
    private int badCommands;
    private boolean closed;

    /** A session without login throttling (engine tests). */
    public SmtpSession(SessionContext context, SessionOutput out, MailDeliveryListener store, Clock clock) {
        this(context, out, store, Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.SMTP)), new MessageRates(), new RecipientCache(),
                clock);
    }

    /**
     * @param rates transactions per source and minute, shared by the sessions of all connectors
     * @param knownRecipients the store's recent RCPT answers, shared likewise
     */
    public SmtpSession(SessionContext context, SessionOutput out, MailDeliveryListener store, Authenticator authenticator,
            MessageRates rates, RecipientCache knownRecipients, Clock clock) {
        this.rates = rates;
        this.knownRecipients = knownRecipients;
        this.context = context;
        this.farewell = ("421 4.3.2 " + context.serverName() + " Session closed by the administrator\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.out = out;
        this.store = store;
        this.clock = clock;
        this.authentication = new SmtpAuthentication(authenticator, context.remoteIp());
    }

    @Override
    public void start() {
        String banner = context.endpoint().custom().banner();
        reply("220 " + (banner != null ? banner : context.serverName() + " ESMTP LibertyMail ready"));
    }

    @Override
    public void onFrame(byte[] frame) {
        if (closed) {
            return;
        }
        if (receivingData) {
            dataLine(frame);
            return;
        }
        if (authentication.inProgress()) {
            authOutcome(authentication.respond(new String(frame, StandardCharsets.ISO_8859_1)));
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
        if (closed) {
            return true;
        }
        if (receivingData) {
            return !(frame.length == 1 && frame[0] == '.') && (dataTooLarge || data.staysInMemory(frame.length + 2));
        }
        if (authentication.inProgress() || frame.length < 4 || frame.length > 4 && frame[4] != ' ') {
            return false;
        }
        String verb = new String(frame, 0, 4, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        if (verb.equals("RCPT")) {
            return reversePath != null && recipientAlreadyKnown(SmtpCommand.parse(new String(frame, StandardCharsets.ISO_8859_1)));
        }
        return QUICK_VERBS.contains(verb);
    }

    /** A well-formed RCPT whose ASCII address the store accepted a moment ago (see {@link RecipientCache}). */
    private boolean recipientAlreadyKnown(SmtpCommand command) {
        Optional<PathArgument> path = PathArgument.parse(command.argument(), "TO");
        return path.isPresent() && !path.get().address().isEmpty() && isAscii(path.get().address())
                && knownRecipients.lookup(path.get().address(), declaredSize) != null;
    }

    @Override
    public String forLog(byte[] frame) {
        if (receivingData) {
            return null; // message content is not protocol
        }
        if (authentication.inProgress()) {
            return "****";
        }
        String line = new String(frame, StandardCharsets.ISO_8859_1);
        String[] parts = line.strip().split(" +");
        return parts.length > 2 && parts[0].equalsIgnoreCase("AUTH") ? parts[0] + " " + parts[1] + " ****" : line;
    }

    @Override
    public void onLineTooLong() {
        if (receivingData) {
            dataLineTooLong = true;
        } else {
            error("500 5.5.2 Line too long");
        }
    }

    @Override
    public byte[] farewell() {
        return farewell;
    }

    @Override
    public void onIdleTimeout() {
        if (!closed) {
            closed = true;
            out.line(text("421 4.4.2 " + context.serverName() + " Error: timeout exceeded"));
            out.close();
        }
    }

    @Override
    public void onDisconnect() {
        resetTransaction(); // deletes a spool file of an unfinished DATA
    }

    private void command(SmtpCommand command) {
        switch (command.verb()) {
            case "EHLO" -> hello(command, true);
            case "HELO" -> hello(command, false);
            case "MAIL" -> mail(command);
            case "RCPT" -> rcpt(command);
            case "DATA" -> data(command);
            case "BDAT" -> bdat(command);
            case "STARTTLS" -> startTls(command);
            case "AUTH" -> auth(command);
            case "RSET" -> {
                if (!command.argument().isEmpty()) {
                    error("501 5.5.4 Syntax: RSET");
                } else {
                    resetTransaction();
                    reply("250 2.0.0 Ok");
                }
            }
            case "NOOP" -> reply("250 2.0.0 Ok");
            case "QUIT" -> {
                closed = true;
                out.line(text("221 2.0.0 " + context.serverName() + " closing connection"));
                out.close();
            }
            case "VRFY" -> reply("252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery");
            case "EXPN" -> reply("502 5.5.1 EXPN not available");
            case "HELP" -> reply("214 2.0.0 Commands: EHLO HELO STARTTLS AUTH MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP");
            default -> error("500 5.5.2 Syntax error, command unrecognized");
        }
    }

    private void hello(SmtpCommand command, boolean esmtp) {
        String domain = command.argument();
        if (domain.isEmpty() || domain.contains(" ")) {
            error("501 5.5.4 Syntax: " + (esmtp ? "EHLO" : "HELO") + " hostname");
            return;
        }
        resetTransaction();
        heloName = domain;
        extended = esmtp;
        if (!esmtp) {
            reply("250 " + context.serverName());
            return;
        }
        out.line("250-" + context.serverName() + " Hello " + domain);
        if (options().offers("PIPELINING")) {
            out.line("250-PIPELINING");
        }
        if (options().offers("SIZE")) {
            out.line("250-SIZE " + context.limits().maxMessageSize());
        }
        if (options().offers("8BITMIME")) {
            out.line("250-8BITMIME");
        }
        if (options().offers("SMTPUTF8")) {
            out.line("250-SMTPUTF8");
        }
        if (options().offers("DSN")) {
            out.line("250-DSN");
        }
        if (options().offers("CHUNKING")) {
            out.line("250-CHUNKING");
            if (options().offers("BINARYMIME")) {
                out.line("250-BINARYMIME");
            }
        }
        if (context.startTlsOffered() && out.tlsAvailable()) {
            out.line("250-STARTTLS");
        }
        if (account == null && context.plaintextAuthAllowed()) {
            out.line("250-AUTH " + String.join(" ", SaslExchange.MECHANISMS));
        }
        reply(options().offers("ENHANCEDSTATUSCODES") ? "250 ENHANCEDSTATUSCODES" : "250 HELP");
    }

    private Endpoint.SmtpOptions options() {
        return context.endpoint().custom().smtp();
    }

    /** RFC 3207: after 220 the session starts over, as if just connected, but encrypted. */
    private void startTls(SmtpCommand command) {
        if (!command.argument().isEmpty()) {
            error("501 5.5.4 Syntax: STARTTLS");
        } else if (context.tls()) {
            error("503 5.5.1 Error: TLS already active");
        } else if (!context.endpoint().offerStartTls() || !out.tlsAvailable()) {
            error("502 5.5.1 Error: STARTTLS not available");
        } else {
            resetTransaction();
            heloName = null;
            extended = false;
            out.startTls("220 2.0.0 Ready to start TLS");
            context = context.withTls();
        }
    }

    private void auth(SmtpCommand command) {
        if (!context.authOffered()) {
            error("502 5.5.1 Error: authentication not enabled");
        } else if (!extended) {
            error("503 5.5.1 Error: send EHLO first");
        } else if (account != null) {
            error("503 5.5.1 Error: already authenticated");
        } else if (reversePath != null) {
            error("503 5.5.1 Error: AUTH not allowed during a mail transaction");
        } else if (!context.plaintextAuthAllowed()) {
            error("530 5.7.0 Must issue a STARTTLS command first");
        } else {
            authOutcome(authentication.begin(command.argument()));
        }
    }

    private void authOutcome(SmtpAuthentication.Outcome outcome) {
        if (outcome.account() != null) {
            account = outcome.account();
            out.authenticated(account); // so an administrator's change to the mailbox can end this session
        }
        boolean failedLogon = outcome.reply().startsWith("535");
        if (failedLogon) {
            out.count(SessionEvent.AUTH_FAILURE);
        }
        long hold = failedLogon ? Math.max(outcome.tarpitMillis(), options().tarpitMillis()) : 0;
        if (hold > 0) {
            out.holdFor(hold);
        }
        if (failedLogon && ++logonFailures >= options().maxLogonFailures() && options().maxLogonFailures() > 0) {
            closed = true;
            out.line(text(outcome.reply()));
            out.line(text("421 4.7.0 " + context.serverName() + " Too many authentication failures, closing connection"));
            out.close();
            return;
        }
        if (outcome.error()) {
            error(outcome.reply());
        } else {
            reply(outcome.reply());
        }
    }

    private void mail(SmtpCommand command) {
        if (heloName == null) {
            error("503 5.5.1 Error: send HELO/EHLO first");
            return;
        }
        if (reversePath != null) {
            error("503 5.5.1 Error: nested MAIL command");
            return;
        }
        Optional<PathArgument> path = PathArgument.parse(command.argument(), "FROM");
        if (path.isEmpty()) {
            error("501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        for (Map.Entry<String, String> param : path.get().parameters().entrySet()) {
            String problem = mailParameterProblem(param.getKey(), param.getValue());
            if (problem != null) {
                error(problem);
                return;
            }
        }
        String sender = path.get().address();
        boolean smtpUtf8 = path.get().parameters().containsKey("SMTPUTF8");
        if (!smtpUtf8 && !isAscii(sender)) {
            error("553 5.6.7 <" + sender + ">: Non-ASCII address needs the SMTPUTF8 parameter");
            return;
        }
        if (!context.endpoint().anonymousDelivery() && account == null) {
            error("530 5.7.0 Authentication required");
            return;
        }
        if (account != null && context.endpoint().submission() && !sender.equalsIgnoreCase(account)) {
            // An authenticated user sends as itself only (no aliases or send-as rights yet).
            error("553 5.7.1 <" + sender + ">: Sender address rejected: not owned by " + account);
            return;
        }
        if (!rates.tryStart(context.endpoint().name(), context.remoteIp(), options().maxMessagesPerMinute())) {
            closed = true;
            out.line(text("421 4.4.2 " + context.serverName() + " Message rate limit for your address exceeded, try again later"));
            out.close();
            return;
        }
        reversePath = sender;
        utf8 = smtpUtf8;
        String retParameter = path.get().parameters().get("RET");
        ret = retParameter == null ? null : retParameter.toUpperCase(Locale.ROOT);
        String envidParameter = path.get().parameters().get("ENVID");
        envid = envidParameter == null ? null : DsnParameters.decodeXtext(envidParameter);
        String body = path.get().parameters().get("BODY");
        binaryMime = body != null && body.equalsIgnoreCase("BINARYMIME");
        String size = path.get().parameters().get("SIZE");
        declaredSize = size == null ? -1 : Long.parseLong(size);
        reply("250 2.1.0 Ok");
    }

    private String mailParameterProblem(String key, String value) {
        if (!extended) {
            return "555 5.5.4 MAIL parameters need EHLO";
        }
        switch (key) {
            case "SIZE" -> {
                if (!options().offers("SIZE")) {
                    return "555 5.5.4 Unsupported parameter SIZE";
                }
                if (!value.matches("[0-9]{1,18}")) {
                    return "501 5.5.4 Bad SIZE parameter";
                }
                if (Long.parseLong(value) > context.limits().maxMessageSize()) {
                    return "552 5.3.4 Message size exceeds fixed maximum message size";
                }
                return null;
            }
            case "SMTPUTF8" -> {
                return !options().offers("SMTPUTF8") ? "555 5.5.4 Unsupported parameter SMTPUTF8"
                        : value.isEmpty() ? null : "501 5.5.4 SMTPUTF8 takes no value";
            }
            case "AUTH" -> {
                return null; // RFC 4954 5: the submitter's identity; we trust only our own AUTH
            }
            case "RET" -> {
                return !options().offers("DSN") ? "555 5.5.4 Unsupported parameter RET" : DsnParameters.retProblem(value);
            }
            case "ENVID" -> {
                return !options().offers("DSN") ? "555 5.5.4 Unsupported parameter ENVID" : DsnParameters.envidProblem(value);
            }
            case "BODY" -> {
                boolean ok = value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME") && options().offers("8BITMIME")
                        || value.equalsIgnoreCase("BINARYMIME") && options().offers("BINARYMIME") && options().offers("CHUNKING");
                return ok ? null : "501 5.5.4 Bad BODY parameter";
            }
            default -> {
                return "555 5.5.4 Unsupported parameter " + key;
            }
        }
    }

    private void rcpt(SmtpCommand command) {
        if (reversePath == null) {
            error("503 5.5.1 Error: need MAIL command");
            return;
        }
        Optional<PathArgument> path = PathArgument.parse(command.argument(), "TO");
        if (path.isEmpty()) {
            error("501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        String notify = null;
        String orcpt = null;
        for (Map.Entry<String, String> param : path.get().parameters().entrySet()) {
            if (!options().offers("DSN") || !extended) {
                error("555 5.5.4 Unsupported RCPT parameter");
                return;
            }
            if (param.getKey().equals("NOTIFY")) {
                notify = DsnParameters.notify(param.getValue());
                if (notify == null) {
                    error("501 5.5.4 NOTIFY must be NEVER or any of SUCCESS, FAILURE, DELAY");
                    return;
                }
            } else if (param.getKey().equals("ORCPT")) {
                String problem = DsnParameters.orcptProblem(param.getValue());
                if (problem != null) {
                    error(problem);
                    return;
                }
                orcpt = param.getValue();
            } else {
                error("555 5.5.4 Unsupported RCPT parameter " + param.getKey());
                return;
            }
        }
        String address = path.get().address();
        if (address.isEmpty()) {
            error("501 5.1.3 Bad recipient address syntax");
            return;
        }
        if (!isAscii(address)) {
            if (!utf8) {
                error("553 5.6.7 <" + address + ">: Non-ASCII address needs the SMTPUTF8 parameter");
                return;
            }
            // Commands are read as ISO-8859-1, byte for char; the store wants the UTF-8 text.
            address = new String(address.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        if (recipients.size() >= context.limits().maxRecipients()) {
            reply("452 4.5.3 Error: too many recipients");
            return;
        }
        RecipientVerdict verdict = knownRecipients.lookup(address, declaredSize);
        if (verdict == null) {
            try {
                RecipientCheck check = store.checkRecipient(address, declaredSize);
                knownRecipients.remember(address, check);
                verdict = check.verdict();
            } catch (RuntimeException e) {
                reply(temporaryFailure(e));
                return;
            }
        }
        boolean mayRelay = account != null && context.endpoint().submission();
        switch (verdict) {
            case ACCEPTED -> accept(new EnvelopeRecipient(address, false, notify, orcpt));
            case REMOTE -> {
                if (mayRelay) {
                    accept(new EnvelopeRecipient(address, true, notify, orcpt));
                } else {
                    reply("550 5.7.1 <" + address + ">: Relay access denied");
                }
            }
            case UNKNOWN_MAILBOX -> reply("550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
            case RELAY_DENIED -> reply(!mayRelay ? "550 5.7.1 <" + address + ">: Relay access denied"
                    : "550 5.7.1 <" + address + ">: No send connector routes mail to this domain");
            case OVER_QUOTA -> reply("552 5.2.2 <" + address + ">: Mailbox full");
        }
    }

    private void accept(EnvelopeRecipient recipient) {
        if (recipients.stream().noneMatch(recipient.address()::equalsIgnoreCase)) {
            recipients.add(recipient.address());
            recipientDetails.put(recipient.address(), recipient);
        }
        reply("250 2.1.5 Ok");
    }

    private void data(SmtpCommand command) {
        if (!command.argument().isEmpty()) {
            error("501 5.5.4 Syntax: DATA");
            return;
        }
        if (reversePath == null) {
            error("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (recipients.isEmpty()) {
            error("554 5.5.1 Error: no valid recipients");
            return;
        }
        if (chunking || binaryMime) {
            error("503 5.5.1 Error: " + (chunking ? "DATA after BDAT" : "BODY=BINARYMIME needs BDAT"));
            return;
        }
        receivingData = true;
        startContent();
        out.expectContent();
        reply("354 End data with <CR><LF>.<CR><LF>");
    }

    private void startContent() {
        hops = new ReceivedCounter();
        data = new MessageSpool();
        dataTooLarge = false;
        dataLineTooLong = false;
    }

    /**
     * BDAT size [LAST] (RFC 3030). The transport hands the chunk over whatever is said here, so
     * a refusal waits until the chunk is consumed, and the reply comes then.
     */
    private void bdat(SmtpCommand command) {
        java.util.regex.Matcher m = BDAT_ARGUMENT.matcher(command.argument());
        if (!m.matches()) {
            error("501 5.5.4 Syntax: BDAT size [LAST]");
            return; // the transport read no chunk either: same pattern
        }
        chunkOctets = Long.parseLong(m.group(1));
        lastChunk = m.group(2) != null;
        chunkRefusal = !options().offers("CHUNKING") ? "502 5.5.1 Error: BDAT not available"
                : reversePath == null ? "503 5.5.1 Error: need MAIL command"
                : recipients.isEmpty() ? "554 5.5.1 Error: no valid recipients" : null;
        if (chunkRefusal == null && !chunking) {
            chunking = true;
            startContent();
        }
    }

    @Override
    public void onChunk(byte[] piece, boolean end) {
        if (closed) {
            return;
        }
        if (chunkRefusal == null && !dataTooLarge) {
            data.write(piece, 0, piece.length);
            hops.feed(piece, 0, piece.length);
            if (data.size() > context.limits().maxMessageSize()) {
                dataTooLarge = true;
                data.discard();
            }
        }
        if (!end) {
            return;
        }
        if (chunkRefusal != null) {
            error(chunkRefusal);
        } else if (!lastChunk && !dataTooLarge) {
            reply("250 2.0.0 " + chunkOctets + " octets received");
        } else {
            finishData();
        }
    }

    private void dataLine(byte[] line) {
        if (line.length == 1 && line[0] == '.') {
            receivingData = false;
            finishData();
            return;
        }
        int offset = line.length > 0 && line[0] == '.' ? 1 : 0; // dot-unstuffing, RFC 5321 4.5.2
        hops.feed(line, offset, line.length - offset);
        hops.feed(CRLF, 0, 2);
        if (dataTooLarge) {
            return;
        }
        data.write(line, offset, line.length - offset);
        data.write(CRLF, 0, 2);
        if (data.size() > context.limits().maxMessageSize()) {
            dataTooLarge = true;
            data.discard();
        }
    }

    private void finishData() {
        try {
            if (dataTooLarge) {
                reply("552 5.3.4 Message size exceeds fixed maximum message size");
            } else if (dataLineTooLong) {
                reply("500 5.5.2 Line too long");
            } else if (hops.received() > options().maxHopCount()) {
                reply("554 5.4.6 Hop count exceeded - possible mail loop");
            } else {
                deliver();
            }
        } finally {
            resetTransaction();
        }
    }

    private void deliver() {
        String traceId = TraceIds.next();
        byte[] trace = ReceivedHeader.build(heloName, extended, utf8, account != null, context, traceId, recipients, clock)
                .getBytes(StandardCharsets.ISO_8859_1);
        DeliveryReceipt receipt;
        MessageContent content;
        try {
            // analysed once here, so IMAP never parses the message again
            content = MessageAnalyzer.analyzed(data.content(trace));
            receipt = store.deliver(new Envelope(reversePath, recipients.stream().map(recipientDetails::get).toList(), envid, ret,
                    account), content);
        } catch (RuntimeException e) {
            reply(temporaryFailure(e));
            return;
        }
        switch (receipt.outcome()) {
            case STORED -> {
                knownRecipients.delivered(recipients.stream().filter(r -> !recipientDetails.get(r).remote()).toList(), content.size());
                receipt.accounts().forEach(out::mailboxChanged); // IMAP IDLE sessions of these mailboxes
                out.count(SessionEvent.MESSAGE_ACCEPTED);
                reply("250 2.0.0 Ok: queued as " + traceId);
            }
            case OVER_QUOTA -> {
                knownRecipients.forget(receipt.detail());
                reply("552 5.2.2 <" + receipt.detail() + ">: Mailbox full, message not delivered");
            }
        }
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static String temporaryFailure(RuntimeException e) {
        LOG.log(Level.WARNING, "SMTP store call failed", e);
        return e instanceof BackendUnavailableException
                ? "451 4.3.0 " + e.getMessage() + ", try again later"
                : "451 4.3.0 Error: local error in processing";
    }

    private void resetTransaction() {
        reversePath = null;
        declaredSize = -1;
        recipients.clear();
        recipientDetails.clear();
        envid = null;
        ret = null;
        receivingData = false;
        chunking = false;
        binaryMime = false;
        utf8 = false;
        if (data != null) {
            data.discard();
            data = null;
        }
    }

    private void error(String reply) {
        badCommands++;
        if (badCommands > context.limits().maxBadCommands()) {
            closed = true;
            out.line(text("421 4.7.0 " + context.serverName() + " Error: too many errors"));
            out.close();
            return;
        }
        reply(reply);
    }

    private void reply(String line) {
        out.line(text(line));
        out.flush();
    }

    /** A reply as this connector speaks it: without the enhanced status code if that is off. */
    private String text(String reply) {
        if (options().offers("ENHANCEDSTATUSCODES")) {
            return reply;
        }
        return reply.replaceFirst("^([245][0-9][0-9][ -])[245]\\.[0-9]{1,3}\\.[0-9]{1,3} ", "$1");
    }
}
