package org.libertymail.adapter.pop3;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.mime.BodyFormatConverter;
import org.libertymail.adapter.protocol.BackendUnavailableException;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ProtocolSession;
import org.libertymail.adapter.protocol.RenditionSizes;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.SessionEvent;
import org.libertymail.adapter.protocol.SessionOutput;
import org.libertymail.adapter.protocol.StoredContent;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.sasl.SaslExchange;
import org.libertymail.adapter.protocol.sasl.SaslStep;

/**
 * The POP3 server state machine (RFC 1939) with CAPA and response codes (RFC 2449, RFC 3206),
 * STLS (RFC 2595) and SASL AUTH (RFC 5034).
 * The maildrop is the account's INBOX as it was at login; DELE marks, and only QUIT in the
 * TRANSACTION state removes marked messages (the UPDATE state).
 */
public final class Pop3Session implements ProtocolSession {
    private static final Logger LOG = Logger.getLogger(Pop3Session.class.getName());
    static final String INBOX = "INBOX";

    private SessionContext context;
    private final SessionOutput out;
    private final MailboxAccessListener store;
    /** The SASL exchange waiting for the client's next response line, or null. */
    private SaslExchange sasl;

    private String user;
    private String account;
    private long uidValidity;
    /** The maildrop; each size is what RETR sends: the stored size, or the size converted to {@link #format}. */
    private List<MessageSummary> messages = List.of();
    private boolean[] deleted = new boolean[0];
    /** The body format messages are served in (the mailbox's setting, else the service's). */
    private RetrievalFormat format = RetrievalFormat.BEST_BODY_FORMAT;
    /** The greeting's timestamp that APOP digests (RFC 1939 section 7); new for every session. */
    private final String timestamp;
    private int badCommands;
    private boolean closed;

    private final Authenticator authenticator;
    private final LoginDelays delays;
    /** Messages read with an earlier one and not retrieved yet, by UID. */
    private final Map<Long, MessageData> readAhead = new HashMap<>();
    static final int READ_AHEAD_MESSAGES = 64;
    static final long READ_AHEAD_BYTES = 1024 * 1024;
    /** This session's name on the maildrop lock (RFC 1939 8), held in the store for every server. */
    private final String holder = UUID.randomUUID().toString();
    /** Whether this session holds its maildrop's lock, and when it last renewed it. */
    private boolean locked;
    private long lockRenewed;

    /** A session without login throttling and with login delays of its own (engine tests). */
    public Pop3Session(SessionContext context, SessionOutput out, MailboxAccessListener store) {
        this(context, out, store, Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.POP3)));
    }

    public Pop3Session(SessionContext context, SessionOutput out, MailboxAccessListener store, Authenticator authenticator) {
        this(context, out, store, authenticator, new LoginDelays());
    }

    public Pop3Session(SessionContext context, SessionOutput out, MailboxAccessListener store, Authenticator authenticator,
            LoginDelays delays) {
        this.context = context;
        this.out = out;
        this.store = store;
        this.authenticator = authenticator;
        this.delays = delays;
        String host = context.endpoint().custom().fqdn();
        this.timestamp = "<" + Long.toHexString(RANDOM.nextLong() >>> 1) + "." + System.currentTimeMillis() + "@"
                + (host == null ? "localhost" : host) + ">";
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void start() {
        String banner = context.endpoint().custom().banner();
        reply("+OK " + (banner != null ? banner : "LibertyMail POP3 server ready") + " " + timestamp);
    }

    @Override
    public String forLog(byte[] frame) {
        if (sasl != null) {
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
        error("-ERR Line too long");
    }

    @Override
    public void onIdleTimeout() {
        if (!closed) {
            closed = true;
            out.line("-ERR Autologout; idle for too long");
            out.close();
        }
    }

    @Override
    public void onFrame(byte[] frame) {
        if (closed) {
            return;
        }
        String line = new String(frame, StandardCharsets.UTF_8);
        if (sasl != null) {
            saslStep(sasl.respond(line));
            return;
        }
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        try {
            if (account == null) {
                authorization(verb, argument);
            } else {
                transaction(verb, argument);
            }
        } catch (BackendUnavailableException e) {
            reply("-ERR [SYS/TEMP] " + e.getMessage() + ", try again later");
        } catch (StoredContent.MessageGoneException e) {
            // Part of a response is on the wire already; only closing the connection is honest.
            LOG.log(Level.INFO, e.getMessage());
            out.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "POP3 command failed", e);
            reply("-ERR [SYS/TEMP] Local error in processing");
        }
    }

    private void authorization(String verb, String argument) {
        switch (verb) {
            case "CAPA" -> capabilities();
            case "USER" -> {
                if (!context.plaintextAuthAllowed()) {
                    error("-ERR [AUTH] Plaintext authentication is disallowed on insecure connections");
                } else if (argument.isBlank()) {
                    error("-ERR Syntax: USER name");
                } else {
                    user = argument.strip();
                    reply("+OK Send your password");
                }
            }
            case "PASS" -> pass(argument);
            case "APOP" -> apop(argument);
            case "STLS" -> stls(argument);
            case "AUTH" -> auth(argument);
            case "QUIT" -> quit("+OK LibertyMail POP3 server signing off");
            case "STAT", "LIST", "UIDL", "RETR", "DELE", "RSET", "NOOP", "TOP" ->
                    error("-ERR Command not valid before authentication");
            default -> error("-ERR Unknown command");
        }
    }

    /** RFC 2595 4: the session starts over encrypted; pipelined input after STLS is dropped. */
    private void stls(String argument) {
        if (!argument.isEmpty()) {
            error("-ERR Syntax: STLS");
        } else if (context.tls()) {
            error("-ERR TLS already active");
        } else if (!context.endpoint().offerStartTls() || !out.tlsAvailable()) {
            error("-ERR STLS not available");
        } else {
            user = null;
            out.startTls("+OK Begin TLS negotiation");
            context = context.withTls();
        }
    }

    private void auth(String argument) {
        if (argument.isBlank()) {
            // RFC 1734's listing form, which some clients still send to discover mechanisms.
            out.line("+OK Mechanisms follow");
            if (context.plaintextAuthAllowed()) {
                SaslExchange.MECHANISMS.forEach(out::line);
            }
            reply(".");
            return;
        }
        if (!context.plaintextAuthAllowed()) {
            error("-ERR [AUTH] Plaintext authentication is disallowed on insecure connections; use STLS");
            return;
        }
        String[] parts = argument.strip().split(" +");
        SaslExchange exchange = parts.length > 2 ? null : SaslExchange.of(parts[0]);
        if (exchange == null) {
            error("-ERR Unsupported authentication mechanism");
            return;
        }
        sasl = exchange;
        saslStep(exchange.start(parts.length == 2 ? parts[1] : null));
    }

    private void saslStep(SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            reply("+ " + challenge.base64());
            return;
        }
        sasl = null;
        if (step instanceof SaslStep.Cancelled) {
            error("-ERR Authentication cancelled");
        } else if (step instanceof SaslStep.Malformed malformed) {
            error("-ERR " + malformed.reason());
        } else {
            SaslStep.Credentials credentials = (SaslStep.Credentials) step;
            if (!credentials.authorizationId().isEmpty() && !credentials.authorizationId().equalsIgnoreCase(credentials.user())) {
                error("-ERR [AUTH] Authorization identity must be the user");
                return;
            }
            login(credentials.user(), credentials.password());
        }
    }

    private void pass(String password) {
        if (user == null) {
            error("-ERR Send USER first");
            return;
        }
        String candidate = user;
        user = null;
        login(candidate, password);
    }

    /**
     * RFC 1939 section 7: the name and MD5 of the greeting's timestamp with the mailbox's APOP
     * secret. No password crosses the wire, so it is accepted on plain connections; only
     * mailboxes an administrator gave a secret may use it.
     */
    private void apop(String argument) {
        String[] parts = argument.strip().split(" +");
        if (parts.length != 2 || !parts[1].matches("[0-9a-fA-F]{32}")) {
            error("-ERR Syntax: APOP name digest");
            return;
        }
        user = null;
        String name = parts[0];
        String digest = parts[1];
        login(name, authenticator.authenticate(name, context.remoteIp(), () -> store.authenticateApop(name, timestamp, digest)));
    }

    private void login(String candidate, String password) {
        login(candidate, authenticator.authenticate(candidate, password, context.remoteIp()));
    }

    private void login(String candidate, Authenticator.Result result) {
        if (result.locked()) {
            error("-ERR [SYS/TEMP] Too many authentication failures, try again later");
            return;
        }
        if (result.disabled()) {
            // RFC 3206: [SYS/PERM] is a lasting refusal no retry will change
            error("-ERR [SYS/PERM] POP3 access to this mailbox is disabled; contact your administrator");
            return;
        }
        if (!result.succeeded()) {
            out.count(SessionEvent.AUTH_FAILURE);
            out.holdFor(result.tarpitMillis());
            error("-ERR [AUTH] Invalid user name or password");
            return;
        }
        String authenticated = result.account();
        if (!out.authenticated(authenticated)) {
            error("-ERR [IN-USE] Too many sessions for this account, try again later");
            return;
        }
        int delay = context.endpoint().custom().access().loginDelaySeconds();
        if (delay > 0 && !delays.mayLogIn(authenticated, delay)) {
            error("-ERR [LOGIN-DELAY] Logged in less than " + delay + " seconds ago; try again later");
            return;
        }
        if (!store.lockMaildrop(authenticated, holder)) {
            error("-ERR [IN-USE] Maildrop already locked by another session");
            return;
        }
        locked = true;
        lockRenewed = System.nanoTime();
        FolderSnapshot inbox;
        try {
            inbox = store.openFolder(authenticated, INBOX, true);
        } catch (RuntimeException e) {
            release(authenticated);
            throw e;
        }
        if (inbox == null) {
            release(authenticated);
            reply("-ERR [SYS/TEMP] Maildrop not available");
            return;
        }
        account = authenticated;
        uidValidity = inbox.uidValidity();
        Endpoint.AccessOptions access = context.endpoint().custom().access();
        messages = result.overrides().newestFirst(access.newestFirst()) ? newestFirst(inbox.messages()) : inbox.messages();
        format = result.overrides().format(access.format());
        try {
            // LIST and STAT tell what RETR sends (RFC 1939)
            messages = RenditionSizes.of(store, authenticated, INBOX, format, messages);
        } catch (RuntimeException e) {
            account = null;
            release(authenticated);
            throw e;
        }
        deleted = new boolean[messages.size()];
        reply("+OK Maildrop has " + messages.size() + " messages (" + totalSize() + " octets)");
    }

    private void transaction(String verb, String argument) {
        renewLock();
        switch (verb) {
            case "CAPA" -> capabilities();
            case "STAT" -> {
                int count = 0;
                for (boolean d : deleted) {
                    count += d ? 0 : 1;
                }
                reply("+OK " + count + " " + totalSize());
            }
            case "LIST" -> listing(argument, false);
            case "UIDL" -> listing(argument, true);
            case "RETR" -> retrieve(argument);
            case "TOP" -> top(argument);
            case "DELE" -> {
                Integer n = messageNumber(argument);
                if (n != null) {
                    deleted[n - 1] = true;
                    reply("+OK Message " + n + " deleted");
                }
            }
            case "RSET" -> {
                deleted = new boolean[messages.size()];
                reply("+OK Maildrop has " + messages.size() + " messages (" + totalSize() + " octets)");
            }
            case "NOOP" -> reply("+OK");
            case "QUIT" -> update();
            case "USER", "PASS", "APOP", "AUTH", "STLS" -> error("-ERR Already authenticated");
            default -> error("-ERR Unknown command");
        }
    }

    private void listing(String argument, boolean uids) {
        if (!argument.isBlank()) {
            Integer n = messageNumber(argument);
            if (n != null) {
                reply("+OK " + n + " " + listValue(n - 1, uids));
            }
            return;
        }
        out.line(uids ? "+OK Unique-ID listing follows" : "+OK Scan listing follows");
        for (int i = 0; i < messages.size(); i++) {
            if (!deleted[i]) {
                out.line((i + 1) + " " + listValue(i, uids));
            }
        }
        reply(".");
    }

    private String listValue(int index, boolean uid) {
        return uid ? uidValidity + "." + messages.get(index).uid() : Long.toString(messages.get(index).size());
    }

    private void retrieve(String argument) {
        Integer n = messageNumber(argument);
        if (n == null) {
            return;
        }
        MessageData message = message(n);
        if (message == null) {
            return;
        }
        if (format != RetrievalFormat.BEST_BODY_FORMAT) {
            byte[] served = served(message);
            out.line("+OK " + served.length + " octets");
            out.write(DotStuffing.encode(served, served.length));
            reply(".");
            return;
        }
        out.line("+OK " + message.size() + " octets");
        DotStuffing stuffing = new DotStuffing();
        boolean streamed = message.content() == null;
        new StoredContent(store, account, INBOX).copy(message, 0, message.size(), piece -> {
            out.write(stuffing.next(piece, piece.length));
            if (streamed) {
                out.flushAndWait();
            }
        });
        out.write(stuffing.finish());
        reply(".");
    }

    private void top(String argument) {
        String[] parts = argument.strip().split(" +");
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
            error("-ERR Syntax: TOP message lines");
            return;
        }
        Integer n = messageNumber(parts[0]);
        if (n == null) {
            return;
        }
        MessageData message = message(n);
        if (message == null) {
            return;
        }
        int lines = Integer.parseInt(parts[1]);
        StoredContent content = new StoredContent(store, account, INBOX);
        // The header and the first lines are nearly always in the first piece of a large message.
        byte[] bytes = format != RetrievalFormat.BEST_BODY_FORMAT ? served(message) : content.prefix(message);
        int end = TopLines.end(bytes, lines);
        if (format == RetrievalFormat.BEST_BODY_FORMAT && end == bytes.length && bytes.length < message.size()) {
            bytes = content.whole(message);
            end = TopLines.end(bytes, lines);
        }
        out.line("+OK Top of message follows");
        out.write(DotStuffing.encode(bytes, end));
        reply(".");
    }

    /** The message as this session serves it: converted to {@link #format}. */
    private byte[] served(MessageData message) {
        byte[] stored = message.content() != null ? message.content() : new StoredContent(store, account, INBOX).whole(message);
        return BodyFormatConverter.convert(stored, format);
    }

    /**
     * Message {@code n} with its content. A miss reads the messages after it too, up to
     * {@link #READ_AHEAD_BYTES} and {@link #READ_AHEAD_MESSAGES}, in the same store call: clients
     * retrieve a maildrop in order, often pipelined, and one call per message cost more than
     * the messages themselves.
     */
    private MessageData message(int n) {
        long uid = messages.get(n - 1).uid();
        MessageData ahead = readAhead.remove(uid);
        if (ahead != null) {
            return ahead;
        }
        readAhead.clear();
        List<Long> uids = new ArrayList<>(List.of(uid));
        long bytes = messages.get(n - 1).size();
        for (int i = n; i < messages.size() && uids.size() < READ_AHEAD_MESSAGES; i++) {
            if (deleted[i]) {
                continue;
            }
            bytes += messages.get(i).size();
            if (bytes > READ_AHEAD_BYTES) {
                break;
            }
            uids.add(messages.get(i).uid());
        }
        MessageData found = null;
        for (MessageData d : store.fetch(account, INBOX, uids, MessageLoad.CONTENT)) {
            if (d.uid() == uid) {
                found = d;
            } else {
                readAhead.put(d.uid(), d);
            }
        }
        if (found == null) {
            reply("-ERR Message " + n + " was removed by another session");
        }
        return found;
    }

    private void update() {
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) {
                uids.add(messages.get(i).uid());
            }
        }
        if (uids.isEmpty()) {
            quit("+OK LibertyMail POP3 server signing off");
            return;
        }
        try {
            List<Long> removed = store.delete(account, INBOX, uids);
            out.mailboxChanged(account);
            quit("+OK LibertyMail POP3 server signing off (" + removed.size() + " messages deleted)");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "POP3 update failed", e);
            quit("-ERR [SYS/TEMP] Some deleted messages not removed");
        }
    }

    private void quit(String line) {
        closed = true;
        release(account);
        out.line(line);
        out.close();
    }

    /** Set-PopSettings' MessageRetrievalSortOrder Descending: by internal date, newest first. */
    private static List<MessageSummary> newestFirst(List<MessageSummary> messages) {
        List<MessageSummary> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(MessageSummary::internalDate).thenComparingLong(MessageSummary::uid).reversed());
        return sorted;
    }

    /** A dropped connection deletes nothing (RFC 1939 6) and lets the maildrop go. */
    @Override
    public void onDisconnect() {
        release(account);
    }

    private void release(String owner) {
        if (locked && owner != null) {
            locked = false;
            try {
                store.unlockMaildrop(owner, holder);
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "The maildrop lock of {0} was not let go; it expires", owner);
            }
        }
    }

    /** A long session renews its lock now and then, so that the lease never lapses under it. */
    private void renewLock() {
        if (locked && System.nanoTime() - lockRenewed > TimeUnit.MINUTES.toNanos(1)) {
            lockRenewed = System.nanoTime();
            store.lockMaildrop(account, holder);
        }
    }

    /** @return the 1-based number of an existing, undeleted message, or null after replying -ERR */
    private Integer messageNumber(String argument) {
        String text = argument.strip();
        if (!text.matches("[0-9]{1,9}")) {
            error("-ERR Invalid message number");
            return null;
        }
        int n = Integer.parseInt(text);
        if (n < 1 || n > messages.size()) {
            reply("-ERR No such message");
            return null;
        }
        if (deleted[n - 1]) {
            reply("-ERR Message " + n + " already deleted");
            return null;
        }
        return n;
    }

    private long totalSize() {
        long total = 0;
        for (int i = 0; i < messages.size(); i++) {
            total += deleted[i] ? 0 : messages.get(i).size();
        }
        return total;
    }

    private void capabilities() {
        out.line("+OK Capability list follows");
        if (account == null && context.plaintextAuthAllowed()) {
            out.line("USER");
            out.line("SASL " + String.join(" ", SaslExchange.MECHANISMS));
        }
        if (account == null && context.startTlsOffered() && out.tlsAvailable()) {
            out.line("STLS");
        }
        out.line("TOP");
        out.line("UIDL");
        out.line("RESP-CODES");
        out.line("AUTH-RESP-CODE");
        out.line("PIPELINING");
        Endpoint.AccessOptions access = context.endpoint().custom().access();
        // RFC 2449 6.7, 6.8: before login the server's policy, after it the account's, which is the same here
        out.line("EXPIRE " + access.expire());
        if (access.loginDelaySeconds() > 0) {
            out.line("LOGIN-DELAY " + access.loginDelaySeconds());
        }
        out.line("IMPLEMENTATION LibertyMail");
        reply(".");
    }

    private void error(String line) {
        badCommands++;
        if (badCommands > context.limits().maxBadCommands()) {
            quit("-ERR Too many errors");
            return;
        }
        reply(line);
    }

    private void reply(String line) {
        out.line(line);
        out.flush();
    }
}
