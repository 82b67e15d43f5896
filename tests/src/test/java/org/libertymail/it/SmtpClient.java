package org.libertymail.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A plain SMTP client over a real socket that shows every reply as the server sent it, for
 * tests that assert exact codes or drive many sessions at once.
 */
final class SmtpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SmtpClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(60_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        expect(reply(), "220");
        expect(command("EHLO client.it.test"), "250");
    }

    /** Sends one command line and returns the last line of its reply. */
    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /**
     * A whole transaction. @return the reply to the end of DATA, or the first refusal of MAIL,
     * RCPT or DATA
     */
    String send(String from, List<String> to, byte[] message) throws IOException {
        String r = command("MAIL FROM:<" + from + ">");
        if (!r.startsWith("250")) {
            return r;
        }
        for (String rcpt : to) {
            r = command("RCPT TO:<" + rcpt + ">");
            if (!r.startsWith("250")) {
                command("RSET");
                return r;
            }
        }
        r = command("DATA");
        if (!r.startsWith("354")) {
            return r;
        }
        out.write(message); // the caller's message ends with CRLF and has no line starting with "."
        out.write(".\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    private String reply() throws IOException {
        while (true) {
            String line = line();
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("Connection closed by the server");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("Expected " + code + ", got " + reply);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException e) {
            // the server may already have closed the connection
        }
        socket.close();
    }
}
