package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 50 MiB messages in over SMTP and out over POP3 RETR and IMAP FETCH BODY[], four transfers at
 * once, against the test server that runs with -Xmx512m (the shipped jvm.options): only if
 * neither direction holds a message whole does every byte come back.
 */
class LargeMessageIT {
    private static final String DOMAIN = "large.it.test";
    private static final String PASSWORD = "large-secret";
    private static final int SIZE = 50 * 1024 * 1024;

    @BeforeAll
    static void createMailboxes() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        for (int i = 0; i < 4; i++) {
            ServerUnderTest.createMailbox("big" + i + "@" + DOMAIN, PASSWORD);
            ServerUnderTest.createMailbox("appended" + i + "@" + DOMAIN, PASSWORD);
        }
    }

    private static byte[] message(int n) {
        StringBuilder line = new StringBuilder();
        ByteArrayOutputStream m = new ByteArrayOutputStream(SIZE + 1024);
        m.writeBytes(("Subject: large " + n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        int i = 0;
        while (m.size() < SIZE) {
            line.setLength(0);
            line.append(n).append(':').append(i++).append(' ');
            while (line.length() < 996) {
                line.append((char) ('a' + (line.length() + i) % 26));
            }
            m.writeBytes(line.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        }
        return m.toByteArray();
    }

    @Test
    void fourFiftyMebibyteMessagesGoInAndOutAtOnce() throws Exception {
        byte[][] sent = new byte[4][];
        for (int i = 0; i < 4; i++) {
            sent[i] = message(i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> in = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                in.add(pool.submit(() -> {
                    try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
                        return smtp.send("s@outside.example", List.of("big" + n + "@" + DOMAIN), sent[n]);
                    }
                }));
            }
            for (Future<String> f : in) {
                String reply = f.get(5, TimeUnit.MINUTES);
                assertTrue(reply.startsWith("250 "), reply);
            }

            List<Callable<byte[]>> out = List.of(() -> overPop3(0), () -> overPop3(1), () -> overImap(2), () -> overImap(3));
            List<Future<byte[]>> read = new ArrayList<>();
            out.forEach(c -> read.add(pool.submit(c)));
            for (int i = 0; i < 4; i++) {
                byte[] got = read.get(i).get(5, TimeUnit.MINUTES);
                assertTrue(got.length > sent[i].length, "message " + i + " has its trace header");
                assertArrayEquals(sent[i], Arrays.copyOfRange(got, got.length - sent[i].length, got.length),
                        "message " + i + " read back byte for byte");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, ServerUnderTest.send("GET", "/health/ready", null, null, null).statusCode(),
                "the server is still healthy afterwards");
    }

    /**
     * Four IMAP APPENDs of 50 MiB at once, a synchronizing and a non-synchronizing literal
     * (RFC 7888) each: the server spools each literal as it arrives, where holding them would
     * take more than its 512 MiB heap (a frame buffer, its copy and the parsed literal: three
     * times each message); FETCH then gives every byte back.
     */
    @Test
    void fourFiftyMebibyteAppendsAtOnceAreSpooledNotHeld() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> appended = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                appended.add(pool.submit(() -> {
                    byte[] message = message(10 + n);
                    try (LineClient imap = LineClient.imapLogin("appended" + n + "@" + DOMAIN, PASSWORD)) {
                        if (n % 2 == 0) {
                            imap.write("b APPEND INBOX (\\Seen) {" + message.length + "}\r\n");
                            String go = imap.line();
                            assertTrue(go.startsWith("+ "), go);
                        } else {
                            imap.write("b APPEND INBOX (\\Seen) {" + message.length + "+}\r\n");
                        }
                        imap.write(message);
                        imap.write("\r\n");
                        return imap.tagged("b");
                    }
                }));
            }
            for (Future<String> f : appended) {
                String reply = f.get(5, TimeUnit.MINUTES);
                assertTrue(reply.matches("b OK \\[APPENDUID \\d+ 1\\] APPEND completed"), reply);
            }
            for (int i = 0; i < 4; i++) {
                Properties p = (Properties) ServerUnderTest.mailSession().getProperties().clone();
                p.put("mail.imap.partialfetch", "false");
                try (Store store = Session.getInstance(p).getStore("imap")) {
                    store.connect("appended" + i + "@" + DOMAIN, PASSWORD);
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(SIZE + 1024);
                    inbox.getMessage(1).writeTo(bytes);
                    assertTrue(inbox.getMessage(1).isSet(jakarta.mail.Flags.Flag.SEEN), "the APPEND's flags were kept");
                    assertArrayEquals(message(10 + i), bytes.toByteArray(), "appended message " + i + " read back byte for byte");
                    inbox.close(false);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, ServerUnderTest.send("GET", "/health/ready", null, null, null).statusCode(),
                "the server is still healthy afterwards");
    }

    private static byte[] overPop3(int n) throws Exception {
        return readFirst(ServerUnderTest.mailSession(), "pop3", n);
    }

    private static byte[] overImap(int n) throws Exception {
        Properties p = (Properties) ServerUnderTest.mailSession().getProperties().clone();
        p.put("mail.imap.partialfetch", "false"); // one BODY[] literal of the whole message
        return readFirst(Session.getInstance(p), "imap", n);
    }

    private static byte[] readFirst(Session session, String protocol, int n) throws Exception {
        try (Store store = session.getStore(protocol)) {
            store.connect("big" + n + "@" + DOMAIN, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(SIZE + 1024);
            inbox.getMessage(1).writeTo(bytes);
            inbox.close(false);
            return bytes.toByteArray();
        }
    }
}
