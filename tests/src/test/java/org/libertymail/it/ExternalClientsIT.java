package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real clients over TLS, as .ci/run installs them from Debian's packages: swaks (STARTTLS and
 * AUTH on 587), curl (smtps, imaps, pop3s with --ssl-reqd), openssl s_client -starttls for
 * each protocol, and Python's smtplib, imaplib and poplib. The server's certificate is
 * self-signed, so the clients are told not to verify it (-k, _create_unverified_context).
 */
class ExternalClientsIT {
    private static final String DOMAIN = "clients.it.test";
    private static final String USER = "dora@" + DOMAIN;
    private static final String PASSWORD = "external secret 42";

    @BeforeAll
    static void mailbox() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, PASSWORD);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String addr(String host, int port) {
        return host + ":" + port;
    }

    @Test
    void swaksSendsWithStartTlsAndAuthOnSubmission() throws Exception {
        String subject = "swaks " + UUID.randomUUID();
        Result r = run("", "swaks", "--server", ServerUnderTest.HOST, "--port", Integer.toString(ServerUnderTest.SUBMISSION),
                "--tls", "--auth", "PLAIN", "--auth-user", USER, "--auth-password", PASSWORD,
                "--from", USER, "--to", USER, "--header", "Subject: " + subject, "--helo", "client.it.test");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("235 2.7.0 Authentication successful"), r.output());
        assertTrue(r.output().contains("250 2.0.0 Ok: queued as"), r.output());

        Result login = run("", "swaks", "--server", ServerUnderTest.HOST, "--port", Integer.toString(ServerUnderTest.SUBMISSION),
                "--tls", "--auth", "LOGIN", "--auth-user", USER, "--auth-password", "wrong password",
                "--from", USER, "--to", USER, "--helo", "client.it.test");
        assertTrue(login.exit() != 0 && login.output().contains("535 5.7.8"), login.output());

        Result fetched = run("", "curl", "-sS", "-k", "--ssl-reqd", "imaps://" + addr(ServerUnderTest.HOST, ServerUnderTest.IMAPS)
                + "/INBOX;UID=" + lastUid(), "-u", USER + ":" + PASSWORD);
        assertEquals(0, fetched.exit(), fetched.output());
        assertTrue(fetched.output().contains("Subject: " + subject), fetched.output());
    }

    @Test
    void curlSendsOverSmtpsAndReadsOverImapsAndPop3s() throws Exception {
        String subject = "curl " + UUID.randomUUID();
        String message = "From: " + USER + "\r\nTo: " + USER + "\r\nSubject: " + subject + "\r\n\r\nover smtps\r\n";
        Result sent = run(message, "curl", "-sS", "-k", "--ssl-reqd", "smtps://" + addr(ServerUnderTest.HOST, ServerUnderTest.SMTPS),
                "-u", USER + ":" + PASSWORD, "--mail-from", USER, "--mail-rcpt", USER, "-T", "-");
        assertEquals(0, sent.exit(), sent.output());

        Result imap = run("", "curl", "-sS", "-k", "--ssl-reqd", "imaps://" + addr(ServerUnderTest.HOST, ServerUnderTest.IMAPS)
                + "/INBOX;UID=" + lastUid(), "-u", USER + ":" + PASSWORD);
        assertEquals(0, imap.exit(), imap.output());
        assertTrue(imap.output().contains("Subject: " + subject), imap.output());

        Result list = run("", "curl", "-sS", "-k", "--ssl-reqd", "pop3s://" + addr(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3S),
                "-u", USER + ":" + PASSWORD);
        assertEquals(0, list.exit(), list.output());
        String[] lines = list.output().strip().split("\r?\n");
        String last = lines[lines.length - 1].split(" ")[0];
        Result pop = run("", "curl", "-sS", "-k", "--ssl-reqd", "pop3s://" + addr(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3S)
                + "/" + last, "-u", USER + ":" + PASSWORD);
        assertEquals(0, pop.exit(), pop.output());
        assertTrue(pop.output().contains("Subject: " + subject), pop.output());
        // plain pop3:// too (from loopback, where SecureLogin takes credentials without TLS)
        Result plain = run("", "curl", "-sS", "pop3://" + addr(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3) + "/" + last,
                "-u", USER + ":" + PASSWORD);
        assertEquals(0, plain.exit(), plain.output());
        assertTrue(plain.output().contains("Subject: " + subject), plain.output());
    }

    /** The highest UID in the INBOX, from STATUS UIDNEXT. */
    private static long lastUid() throws Exception {
        Result status = run("", "curl", "-sS", "-k", "--ssl-reqd", "imaps://" + addr(ServerUnderTest.HOST, ServerUnderTest.IMAPS),
                "-u", USER + ":" + PASSWORD, "-X", "STATUS INBOX (UIDNEXT)");
        String text = status.output();
        int at = text.indexOf("UIDNEXT ");
        assertTrue(at >= 0, text);
        return Long.parseLong(text.substring(at + 8).replaceAll("[^0-9].*", "").strip()) - 1;
    }

    @Test
    void opensslNegotiatesTls13AfterStartTlsOnEveryProtocol() throws Exception {
        record Case(String starttls, String host, int port) {
        }
        List<Case> cases = List.of(new Case("smtp", ServerUnderTest.HOST, ServerUnderTest.SMTP),
                new Case("smtp", ServerUnderTest.HOST, ServerUnderTest.SUBMISSION),
                new Case("imap", ServerUnderTest.HOST, ServerUnderTest.IMAP),
                new Case("pop3", ServerUnderTest.POP3_HOST, ServerUnderTest.POP3));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Result r = run("", "openssl", "s_client", "-connect", addr(c.host(), c.port()), "-starttls", c.starttls(),
                    "-servername", "localhost");
            if (!r.output().contains("New, TLSv1.3")) {
                failures.add(c + ": " + r.output());
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void pythonClientsUseStartTlsAndImplicitTls() throws Exception {
        Path script = Files.createTempFile("clients", ".py");
        Files.writeString(script, """
                import imaplib, poplib, smtplib, ssl, sys
                host, pop_host, submission, smtps, imap, imaps, pop3, pop3s, user, password, subject = sys.argv[1:]
                ctx = ssl._create_unverified_context()
                msg = f"From: {user}\\r\\nTo: {user}\\r\\nSubject: {subject}\\r\\n\\r\\nfrom python\\r\\n"
                with smtplib.SMTP(host, int(submission), local_hostname="client.it.test") as s:
                    s.starttls(context=ctx)
                    s.login(user, password)
                    s.sendmail(user, [user], msg)
                with smtplib.SMTP_SSL(host, int(smtps), context=ctx, local_hostname="client.it.test") as s:
                    s.login(user, password)
                    s.sendmail(user, [user], msg)
                m = imaplib.IMAP4(host, int(imap))
                m.starttls(ssl_context=ctx)
                m.login(user, password)
                typ, data = m.select("INBOX")
                count = int(data[0])
                m.logout()
                m = imaplib.IMAP4_SSL(host, int(imaps), ssl_context=ctx)
                m.login(user, password)
                m.select("INBOX", readonly=True)
                typ, data = m.fetch(str(count), "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
                assert subject in data[0][1].decode(), data
                m.logout()
                p = poplib.POP3(pop_host, int(pop3))
                p.stls(context=ctx)
                p.user(user)
                p.pass_(password)
                n, size = p.stat()
                p.quit()
                p = poplib.POP3_SSL(pop_host, int(pop3s), context=ctx)
                p.user(user)
                p.pass_(password)
                assert p.stat()[0] == n
                p.quit()
                print("OK", count, n)
                """);
        String subject = "python " + UUID.randomUUID();
        Result r = run("", "python3", script.toString(), ServerUnderTest.HOST, ServerUnderTest.POP3_HOST,
                Integer.toString(ServerUnderTest.SUBMISSION), Integer.toString(ServerUnderTest.SMTPS),
                Integer.toString(ServerUnderTest.IMAP), Integer.toString(ServerUnderTest.IMAPS),
                Integer.toString(ServerUnderTest.POP3), Integer.toString(ServerUnderTest.POP3S), USER, PASSWORD, subject);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("OK "), r.output());
    }
}
