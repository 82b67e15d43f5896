package org.libertymail.adapter.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A remote SMTP server for tests of the outbound side, on a loopback port: it answers as told
 * (accepts, refuses recipients, answers 4xx to the first attempts, offers STARTTLS with a given
 * certificate, asks for AUTH) and keeps what it received. One thread per connection: a test tool.
 */
public final class FakeSmtpServer implements AutoCloseable {
    /** One message as received: envelope with parameters, and the data (dot-unstuffed). */
    public record Received(String mailFrom, List<String> rcptTo, byte[] data, boolean tls, String auth) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private final Thread acceptor;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final List<String> commands = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    /** The address each connection came from. */
    public final List<String> clients = new CopyOnWriteArrayList<>();
    /** The reply to each RCPT TO (the whole command line given). */
    public volatile Function<String, String> rcptReply = line -> "250 2.1.5 Ok";
    public volatile String dataReply = "250 2.0.0 Ok: queued";
    /** Connections answered with {@link #busyGreeting} before the server accepts mail. */
    public volatile int refuseFirstConnections;
    public volatile String busyGreeting = "421 4.3.2 Too busy, try later";
    public volatile SSLContext tls;
    public volatile boolean dsn = true;
    /** "user:password" that AUTH PLAIN must give, or null for no AUTH. */
    public volatile String credentials;

    public FakeSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fake-smtp-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "fake-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        int number = connections.incrementAndGet();
        clients.add(socket.getInetAddress().getHostAddress());
        try (Socket s = socket) {
            s.setSoTimeout(30_000);
            Session session = new Session(s);
            if (number <= refuseFirstConnections) {
                session.write(busyGreeting);
                return;
            }
            session.run();
        } catch (IOException e) {
            // the client went away
        }
    }

    private final class Session {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean secure;
        private String auth;
        private String mailFrom;
        private final List<String> rcpts = new ArrayList<>();

        Session(Socket socket) throws IOException {
            this.socket = socket;
            streams();
        }

        private void streams() throws IOException {
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void run() throws IOException {
            write("220 fake.test ESMTP");
            String line;
            while ((line = readLine()) != null) {
                commands.add(line);
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    List<String> ext = new ArrayList<>(List.of("250-fake.test", "250-PIPELINING", "250-SIZE 10000000", "250-8BITMIME"));
                    if (dsn) {
                        ext.add("250-DSN");
                    }
                    if (tls != null && !secure) {
                        ext.add("250-STARTTLS");
                    }
                    if (credentials != null) {
                        ext.add("250-AUTH PLAIN");
                    }
                    ext.add("250 ENHANCEDSTATUSCODES");
                    write(String.join("\r\n", ext));
                } else if (upper.startsWith("HELO")) {
                    write("250 fake.test");
                } else if (upper.equals("STARTTLS") && tls != null) {
                    write("220 2.0.0 Go ahead");
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    socket = ssl;
                    secure = true;
                    streams();
                } else if (upper.startsWith("AUTH PLAIN ")) {
                    String decoded = new String(java.util.Base64.getDecoder().decode(line.substring(11).strip()), StandardCharsets.UTF_8);
                    String[] parts = decoded.split("\0", -1);
                    if (credentials != null && parts.length == 3 && credentials.equals(parts[1] + ":" + parts[2])) {
                        auth = parts[1];
                        write("235 2.7.0 Authentication successful");
                    } else {
                        write("535 5.7.8 Authentication credentials invalid");
                    }
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (credentials != null && auth == null) {
                        write("530 5.7.0 Authentication required");
                        continue;
                    }
                    mailFrom = line.substring(10);
                    rcpts.clear();
                    write("250 2.1.0 Ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    String reply = rcptReply.apply(line);
                    if (reply.startsWith("2")) {
                        rcpts.add(line.substring(8));
                    }
                    write(reply);
                } else if (upper.equals("DATA")) {
                    write("354 End data with <CR><LF>.<CR><LF>");
                    byte[] data = readData();
                    if (dataReply.startsWith("2")) {
                        received.add(new Received(mailFrom, List.copyOf(rcpts), data, secure, auth));
                    }
                    write(dataReply);
                } else if (upper.equals("RSET")) {
                    mailFrom = null;
                    rcpts.clear();
                    write("250 2.0.0 Ok");
                } else if (upper.equals("QUIT")) {
                    write("221 2.0.0 Bye");
                    return;
                } else {
                    write("502 5.5.2 Not implemented");
                }
            }
        }

        void write(String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    byte[] bytes = b.toByteArray();
                    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, end, StandardCharsets.UTF_8);
                }
                b.write(c);
            }
            return null;
        }

        private byte[] readData() throws IOException {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            String line;
            while ((line = readLine()) != null && !line.equals(".")) {
                data.write((line.startsWith(".") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
                data.write('\r');
                data.write('\n');
            }
            return data.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
