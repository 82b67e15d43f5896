package org.libertymail.adapter.outbound;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.OutboundMessage;
import org.libertymail.adapter.api.OutboundRoute;
import org.libertymail.adapter.api.RecipientOutcome;

/**
 * The SMTP client of the outbound queue (RFC 5321 client side, with STARTTLS, AUTH PLAIN and
 * the DSN parameters of RFC 3461 per recipient, which general-purpose clients do not pass on).
 * Blocking: it runs on the queue's own bounded worker threads, never on the listeners' event
 * loops. One connection carries every message given for the destination.
 */
public final class SmtpRelayClient {
    private static final Logger LOG = Logger.getLogger(SmtpRelayClient.class.getName());
    private final OutboundRoute route;
    private final TlsSockets tls;

    public SmtpRelayClient(OutboundRoute route, TlsSockets tls) {
        this.route = route;
        this.tls = tls;
    }

    /** A host failed before any message was tried: the next host is tried, or every recipient gets this. */
    static final class HostFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final String status;
        final boolean permanent;

        HostFailure(int code, String status, String text, boolean permanent) {
            super(text);
            this.code = code;
            this.status = status;
            this.permanent = permanent;
        }
    }

    /**
     * Sends over the first of {@code hosts} that takes a session; the others are tried in turn
     * when one cannot be reached or refuses the session itself.
     */
    public List<List<RecipientOutcome>> send(List<HostAndPort> hosts, List<OutboundMessage> messages) {
        HostFailure last = new HostFailure(0, "4.4.1", "No host to connect to", false);
        for (HostAndPort host : hosts) {
            try (Connection c = new Connection(host)) {
                c.open();
                List<List<RecipientOutcome>> results = new ArrayList<>();
                for (OutboundMessage m : messages) {
                    results.add(c.sendOne(m));
                }
                c.quit();
                return results;
            } catch (HostFailure e) {
                last = e;
                if (e.permanent) {
                    break; // the smart host refused us for good (e.g. a 5xx greeting): the next would too
                }
            } catch (IOException e) {
                last = new HostFailure(0, "4.4.1", host + ": " + describe(e), false);
            }
        }
        return failAll(messages, last.code, last.status, last.getMessage(), last.permanent, null);
    }

    /** The message signed with its domain's key; unsigned (and logged) if signing fails, rather than held back. */
    private static OutboundMessage signed(OutboundMessage m) {
        try {
            return new OutboundMessage(m.reversePath(), m.envid(), m.ret(), m.recipients(), DkimSigning.signed(m.content(), m.dkim()),
                    null);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Sending unsigned: " + e.getMessage(), e);
            return m;
        }
    }

    static List<List<RecipientOutcome>> failAll(List<OutboundMessage> messages, int code, String status, String text,
            boolean permanent, String remoteHost) {
        List<List<RecipientOutcome>> results = new ArrayList<>();
        for (OutboundMessage m : messages) {
            results.add(m.recipients().stream()
                    .map(r -> new RecipientOutcome(r.address(), false, permanent, code, status, text, remoteHost)).toList());
        }
        return results;
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** A reply: its code, enhanced status (given or derived) and text of all its lines. */
    record Reply(int code, String status, String text, List<String> lines) {
        boolean positive() {
            return code >= 200 && code < 400;
        }

        boolean permanent() {
            return code >= 500;
        }
    }

    private final class Connection implements AutoCloseable {
        private final HostAndPort host;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final Set<String> extensions = new TreeSet<>();
        private String remoteName;

        Connection(HostAndPort host) {
            this.host = host;
        }

        void open() throws IOException, HostFailure {
            socket = new Socket();
            if (route.sourceAddress() != null && !route.sourceAddress().isBlank()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(route.sourceAddress()), 0));
            }
            InetSocketAddress target = host.address() == null ? new InetSocketAddress(host.host(), host.port())
                    : new InetSocketAddress(InetAddress.getByName(host.address()), host.port());
            socket.connect(target, route.timeoutSeconds() * 1000);
            socket.setSoTimeout(route.timeoutSeconds() * 1000);
            remoteName = host.host() + " [" + socket.getInetAddress().getHostAddress() + "]";
            streams();
            Reply greeting = read();
            if (!greeting.positive()) {
                throw new HostFailure(greeting.code, greeting.status, remoteName + " said: " + greeting.text, greeting.permanent());
            }
            ehlo();
            boolean offered = extensions.contains("STARTTLS");
            if (route.tls() == OutboundRoute.OutboundTls.REQUIRED && !offered) {
                command("QUIT");
                throw new HostFailure(0, "4.7.5", remoteName + " does not offer STARTTLS, which this route requires", false);
            }
            if (route.tls() != OutboundRoute.OutboundTls.NONE && offered) {
                Reply r = command("STARTTLS");
                if (r.code != 220) {
                    if (route.tls() == OutboundRoute.OutboundTls.REQUIRED) {
                        throw new HostFailure(r.code, "4.7.5", remoteName + " refused STARTTLS: " + r.text, false);
                    }
                } else {
                    try {
                        socket = tls.wrap(socket, host.host(), route.verifyCertificate());
                    } catch (IOException e) {
                        // A failed handshake with opportunistic TLS is retried later, as Postfix does;
                        // falling back to plain text on this host could be forced by an attacker.
                        throw new HostFailure(0, "4.7.5", remoteName + ": TLS handshake failed: " + describe(e), false);
                    }
                    streams();
                    ehlo();
                }
            }
            if (route.user() != null && !route.user().isBlank()) {
                authenticate();
            }
        }

        private void streams() throws IOException {
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        private void ehlo() throws IOException, HostFailure {
            Reply r = command("EHLO " + route.heloName());
            extensions.clear();
            if (!r.positive()) {
                r = command("HELO " + route.heloName());
                if (!r.positive()) {
                    throw new HostFailure(r.code, r.status, remoteName + " refused HELO: " + r.text, false);
                }
                return;
            }
            for (int i = 1; i < r.lines.size(); i++) {
                extensions.add(r.lines.get(i).split(" ", 2)[0].toUpperCase(Locale.ROOT));
                if (r.lines.get(i).toUpperCase(Locale.ROOT).startsWith("AUTH ")) {
                    extensions.add("AUTH");
                }
            }
        }

        private void authenticate() throws IOException, HostFailure {
            if (!extensions.contains("AUTH")) {
                throw new HostFailure(0, "4.7.0", remoteName + " offers no AUTH, which this route's credentials need", false);
            }
            String plain = Base64.getEncoder().encodeToString(("\0" + route.user() + "\0" + route.password())
                    .getBytes(StandardCharsets.UTF_8));
            Reply r = command("AUTH PLAIN " + plain);
            if (r.code != 235) {
                // Wrong credentials are the administrator's to fix; the mail waits meanwhile.
                throw new HostFailure(r.code, "4.7.0", remoteName + " refused our AUTH: " + r.text, false);
            }
        }

        List<RecipientOutcome> sendOne(OutboundMessage queued) throws IOException {
            // Signed here, one message at a time, so a connection's batch is never all in memory.
            OutboundMessage m = queued.dkim() == null ? queued : signed(queued);
            boolean dsn = extensions.contains("DSN");
            StringBuilder mail = new StringBuilder("MAIL FROM:<").append(m.reversePath()).append('>');
            if (extensions.contains("SIZE")) {
                mail.append(" SIZE=").append(m.content().size());
            }
            if (extensions.contains("8BITMIME")) {
                mail.append(" BODY=8BITMIME");
            }
            if (needsUtf8(m) && extensions.contains("SMTPUTF8")) {
                mail.append(" SMTPUTF8");
            }
            if (dsn && m.ret() != null) {
                mail.append(" RET=").append(m.ret());
            }
            if (dsn && m.envid() != null) {
                mail.append(" ENVID=").append(Xtext.encode(m.envid()));
            }
            Reply r = command(mail.toString());
            if (!r.positive()) {
                command("RSET");
                return all(m, r);
            }
            List<RecipientOutcome> outcomes = new ArrayList<>();
            List<Integer> accepted = new ArrayList<>();
            for (EnvelopeRecipient rcpt : m.recipients()) {
                StringBuilder line = new StringBuilder("RCPT TO:<").append(rcpt.address()).append('>');
                if (dsn && rcpt.notifyOn() != null) {
                    line.append(" NOTIFY=").append(rcpt.notifyOn());
                }
                if (dsn && rcpt.orcpt() != null) {
                    line.append(" ORCPT=").append(rcpt.orcpt());
                }
                Reply rr = command(line.toString());
                if (rr.positive()) {
                    accepted.add(outcomes.size());
                    outcomes.add(null); // decided by the end of DATA
                } else {
                    outcomes.add(outcome(rcpt.address(), rr));
                }
            }
            if (accepted.isEmpty()) {
                command("RSET");
                return outcomes;
            }
            Reply data = command("DATA");
            if (data.code != 354) {
                command("RSET");
                accepted.forEach(i -> outcomes.set(i, outcome(m.recipients().get(i).address(), data)));
                return outcomes;
            }
            try (InputStream content = m.content().open()) {
                DotStuffing.copy(content, out);
            }
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Reply end = read();
            accepted.forEach(i -> outcomes.set(i, outcome(m.recipients().get(i).address(), end)));
            return outcomes;
        }

        private boolean needsUtf8(OutboundMessage m) {
            return !StandardCharsets.US_ASCII.newEncoder().canEncode(m.reversePath())
                    || m.recipients().stream().anyMatch(r -> !StandardCharsets.US_ASCII.newEncoder().canEncode(r.address()));
        }

        private List<RecipientOutcome> all(OutboundMessage m, Reply r) {
            return m.recipients().stream().map(rcpt -> outcome(rcpt.address(), r)).toList();
        }

        private RecipientOutcome outcome(String address, Reply r) {
            return new RecipientOutcome(address, r.code >= 200 && r.code < 300, r.permanent(), r.code, r.status,
                    r.text, remoteName);
        }

        void quit() {
            try {
                command("QUIT");
            } catch (IOException e) {
                // the messages are decided; a lost QUIT changes nothing
            }
        }

        private Reply command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        private Reply read() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = readLine();
                if (line.length() < 3 || !Character.isDigit(line.charAt(0))) {
                    throw new IOException("Not an SMTP reply: " + line);
                }
                lines.add(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    int code = Integer.parseInt(line.substring(0, 3));
                    String text = String.join(" ", lines);
                    return new Reply(code, EnhancedStatus.of(code, lines.get(0)), line.substring(0, 3) + " " + text, lines);
                }
                if (lines.size() > 1000) {
                    throw new IOException("Reply too long");
                }
            }
        }

        private String readLine() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int end = b.length() > 0 && b.charAt(b.length() - 1) == '\r' ? b.length() - 1 : b.length();
                    return b.substring(0, end);
                }
                if (b.length() > 4096) {
                    throw new IOException("Reply line too long");
                }
                b.append((char) c);
            }
            throw new IOException("Connection closed by " + remoteName);
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing
                }
            }
        }
    }

    /** The default TLS wrapping of a connected socket (STARTTLS). */
    public interface TlsSockets {
        Socket wrap(Socket plain, String host, boolean verify) throws IOException;

        /** The JVM's trust store when verifying; any certificate for encryption only. */
        static TlsSockets standard() {
            return (plain, host, verify) -> {
                SSLSocketFactory factory = verify ? (SSLSocketFactory) SSLSocketFactory.getDefault() : TrustAll.factory();
                SSLSocket s = (SSLSocket) factory.createSocket(plain, host, plain.getPort(), true);
                SSLParameters p = s.getSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                if (verify) {
                    p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                }
                s.setSSLParameters(p);
                s.startHandshake();
                return s;
            };
        }
    }
}
