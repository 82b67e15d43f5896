package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS on every binding and authenticated submission, with Jakarta Mail over TLS and raw
 * sockets for the exact replies: 587 (STARTTLS, then AUTH), 465 (implicit TLS), IMAP 993 and
 * POP3 995; the submission rules; TLS versions; a certificate replaced while running; the
 * authentication cache.
 */
class TlsSubmissionIT {
    private static final String DOMAIN = "tls.it.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "tls secret 123";

    @BeforeAll
    static void mailboxes() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(ALICE, PASSWORD);
        ServerUnderTest.createMailbox(BOB, PASSWORD);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static MimeMessage message(Session session, String from, String to, String subject) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject);
        m.setText("Sent over TLS\r\n");
        return m;
    }

    private static String readOver(String protocol, String user, String subject) throws Exception {
        Store store = ServerUnderTest.tlsMailSession(user, PASSWORD).getStore(protocol);
        store.connect(user, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            inbox.getMessage(inbox.getMessageCount()).writeTo(bytes);
            inbox.close(false);
            String last = bytes.toString(StandardCharsets.ISO_8859_1);
            assertTrue(last.contains("Subject: " + subject), last);
            return last;
        } finally {
            store.close();
        }
    }

    @Test
    void submissionWithStartTlsAndAuthDeliversLocallyAndReadsOverImaps() throws Exception {
        Session session = ServerUnderTest.tlsMailSession(ALICE, PASSWORD);
        String subject = "587 " + UUID.randomUUID();
        Transport.send(message(session, ALICE, BOB, subject)); // "smtp" on 587, STARTTLS required, AUTH
        String stored = readOver("imaps", BOB, subject);
        assertTrue(stored != null && stored.contains("with ESMTPSA id"), "trace says TLS and AUTH (RFC 3848): " + stored);
    }

    @Test
    void implicitTlsSubmissionOn465ReadsOverPop3s() throws Exception {
        Session session = ServerUnderTest.tlsMailSession(BOB, PASSWORD);
        String subject = "465 " + UUID.randomUUID();
        Transport transport = session.getTransport("smtps");
        transport.connect(BOB, PASSWORD);
        MimeMessage m = message(session, BOB, ALICE, subject);
        transport.sendMessage(m, m.getAllRecipients());
        transport.close();
        String stored = readOver("pop3s", ALICE, subject);
        assertTrue(stored != null && stored.contains("with ESMTPSA id"), String.valueOf(stored));
    }

    @Test
    void submissionPortRefusesMailWithoutAuthAndAuthWithoutTls() throws Exception {
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SUBMISSION)) {
            c.smtpReply();
            List<String> ehlo = c.ehlo();
            assertTrue(ehlo.contains("250-STARTTLS"), ehlo.toString());
            assertTrue(ehlo.stream().noneMatch(x -> x.contains("AUTH")), "no AUTH before TLS, even from loopback: " + ehlo);
            assertEquals("530 5.7.0 Authentication required", c.command("MAIL FROM:<" + ALICE + ">"));
            assertEquals("530 5.7.0 Must issue a STARTTLS command first",
                    c.command("AUTH PLAIN " + b64("\0" + ALICE + "\0" + PASSWORD)));
        }
    }

    @Test
    void authenticatedSenderUsesOnlyItsOwnAddressAndCannotRelayYet() throws Exception {
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SUBMISSION)) {
            c.smtpReply();
            c.command("EHLO client.it.test");
            c.smtpReply();
            assertEquals("220 2.0.0 Ready to start TLS", c.command("STARTTLS"));
            c.startTls();
            c.write("EHLO client.it.test\r\n");
            c.smtpReply();
            assertEquals("535 5.7.8 Authentication credentials invalid", c.command("AUTH PLAIN " + b64("\0" + ALICE + "\0wrong")));
            assertEquals("235 2.7.0 Authentication successful", c.command("AUTH PLAIN " + b64("\0" + ALICE + "\0" + PASSWORD)));
            assertTrue(c.command("MAIL FROM:<" + BOB + ">").startsWith("553 5.7.1"), "not alice's address");
            assertEquals("250 2.1.0 Ok", c.command("MAIL FROM:<" + ALICE + ">"));
            String relay = c.command("RCPT TO:<someone@elsewhere.example>");
            assertTrue(relay.startsWith("550 5.7.1") && relay.contains("No send connector"), relay);
            assertEquals("250 2.1.5 Ok", c.command("RCPT TO:<" + BOB + ">"));
        }
    }

    @Test
    void onlyTls12And13AreSpoken() throws Exception {
        for (String version : new String[] {"TLSv1.3", "TLSv1.2"}) {
            try (SSLSocket s = Tls.connect(ServerUnderTest.HOST, ServerUnderTest.IMAPS, version)) {
                assertEquals(version, s.getSession().getProtocol());
            }
        }
        // The JDK client no longer speaks TLS 1.1 either, so ask OpenSSL, at the security level that allows it.
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", ServerUnderTest.HOST + ":" + ServerUnderTest.IMAPS,
                "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0").redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(output.contains("alert protocol version"), output);
    }

    @Test
    void aReplacedCertificateIsUsedByNewConnections() throws Exception {
        Path replacement = Files.createTempDirectory("cert").resolve("key.p12");
        String name = "CN=" + UUID.randomUUID() + ".replaced.it.test";
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "default", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", name, "-validity", "30", "-storetype", "PKCS12", "-keystore", replacement.toString(),
                "-storepass", ServerUnderTest.KEYSTORE_PASSWORD, "-keypass", ServerUnderTest.KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        try (SSLSocket before = Tls.connect(ServerUnderTest.HOST, ServerUnderTest.IMAPS)) {
            assertTrue(!Tls.serverCertificate(before).getSubjectX500Principal().getName().equals(name));
            Files.copy(replacement, ServerUnderTest.KEYSTORE.resolveSibling("key.p12.new"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(ServerUnderTest.KEYSTORE.resolveSibling("key.p12.new"), ServerUnderTest.KEYSTORE,
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (SSLSocket after = Tls.connect(ServerUnderTest.HOST, ServerUnderTest.SMTPS)) {
                assertEquals(name, Tls.serverCertificate(after).getSubjectX500Principal().getName());
            }
            // The connection opened before keeps working with its certificate.
            LineClient old = new LineClient(before);
            assertTrue(old.line().startsWith("* OK"));
            assertEquals("a OK NOOP completed", old.command("a NOOP"));
        }
    }

    @Test
    void cachedLoginsAreFastAndAPasswordChangeEndsThemAtOnce() throws Exception {
        String carol = "carol@" + DOMAIN;
        ServerUnderTest.createMailbox(carol, PASSWORD);
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            c.line();
            assertTrue(c.command("a LOGIN " + carol + " \"" + PASSWORD + "\"").startsWith("a OK"));
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
                c.line();
                long t = System.nanoTime();
                String reply = c.command("a LOGIN " + carol + " \"" + PASSWORD + "\"");
                micros.add((System.nanoTime() - t) / 1000);
                assertTrue(reply.startsWith("a OK"), reply);
            }
        }
        Collections.sort(micros);
        // A PBKDF2 check alone takes ~100 ms here; a cached login is a single indexed read.
        assertTrue(micros.get(10) <= 10_000, "median cached login " + micros.get(10) + " us: " + micros);

        assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/" + carol, "{\"password\":\"a brand new secret\"}")
                .statusCode());
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            c.line();
            assertEquals("a NO [AUTHENTICATIONFAILED] Invalid credentials",
                    c.command("a LOGIN " + carol + " \"" + PASSWORD + "\""));
            assertTrue(c.command("b LOGIN " + carol + " \"a brand new secret\"").startsWith("b OK"));
        }
        assertEquals(400, ServerUnderTest.admin("PATCH", "/mailboxes/" + carol, "{\"password\":\"short\"}").statusCode());
    }

    @Test
    void tlsBindingsAreReportedInReadiness() throws Exception {
        String ready = ServerUnderTest.send("GET", "/health/ready", null, null, null).body();
        for (String key : new String[] {"smtp.submission.port", "smtp.smtps.port", "imap.imaps.port", "pop3.pop3s.port"}) {
            assertTrue(ready.contains(key), key + " in " + ready);
        }
    }
}
