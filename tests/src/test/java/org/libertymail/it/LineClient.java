package org.libertymail.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A line-at-a-time client for SMTP, POP3 and IMAP that can start TLS on its connection. It
 * reads byte by byte, so nothing the server sent after a line is swallowed before a handshake.
 */
final class LineClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LineClient(Socket socket) throws IOException {
        use(socket);
    }

    static LineClient plain(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        return new LineClient(socket);
    }

    /** A plain connection from a chosen local address (any of 127.0.0.0/8 works on loopback). */
    static LineClient plainFrom(String localAddress, String host, int port) throws IOException {
        Socket socket = new Socket(host, port, java.net.InetAddress.getByName(localAddress), 0);
        socket.setSoTimeout(30_000);
        return new LineClient(socket);
    }

    static LineClient tls(String host, int port) throws IOException, GeneralSecurityException {
        return new LineClient(Tls.connect(host, port));
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** Continues over TLS on the same connection, after the server said yes to STARTTLS. */
    void startTls() throws IOException, GeneralSecurityException {
        use(Tls.upgrade(socket, socket.getInetAddress().getHostAddress()));
    }

    /** Sends raw text as is, in one write (several commands at once, for pipelining tests). */
    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends raw octets (a literal's). */
    void write(byte[] octets) throws IOException {
        out.write(octets);
        out.flush();
    }

    String command(String line) throws IOException {
        write(line + "\r\n");
        return line();
    }

    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("Connection closed by the server");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads an SMTP reply and returns its last line ("250 ..." after "250-..." lines). */
    String smtpReply() throws IOException {
        String l;
        do {
            l = line();
        } while (l.length() > 3 && l.charAt(3) == '-');
        return l;
    }

    /** Sends EHLO and returns every line of the reply. */
    java.util.List<String> ehlo() throws IOException {
        write("EHLO client.it.test\r\n");
        java.util.List<String> lines = new java.util.ArrayList<>();
        String l;
        do {
            l = line();
            lines.add(l);
        } while (l.length() > 3 && l.charAt(3) == '-');
        return lines;
    }

    /** A plain IMAP connection logged in as {@code user}. */
    static LineClient imapLogin(String user, String password) throws IOException {
        LineClient imap = plain(ServerUnderTest.HOST, ServerUnderTest.IMAP);
        imap.line();
        imap.write("a LOGIN " + user + " " + password + "\r\n");
        String answer = imap.tagged("a");
        if (!answer.startsWith("a OK")) {
            imap.close();
            throw new IOException("LOGIN failed: " + answer);
        }
        return imap;
    }

    /** Sends an IMAP command and returns its untagged lines and the tagged one. */
    java.util.List<String> imap(String tag, String command) throws IOException {
        write(tag + " " + command + "\r\n");
        java.util.List<String> lines = new java.util.ArrayList<>();
        String l;
        do {
            l = line();
            lines.add(l);
        } while (!l.startsWith(tag + " "));
        return lines;
    }

    /** Reads until the line tagged {@code tag} and returns it. */
    String tagged(String tag) throws IOException {
        String l;
        do {
            l = line();
        } while (!l.startsWith(tag + " "));
        return l;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
