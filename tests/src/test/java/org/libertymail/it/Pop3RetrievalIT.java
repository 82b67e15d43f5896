package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Set-PopSettings' MessageRetrievalMimeFormat and MessageRetrievalSortOrder, per service and per
 * mailbox, checked on the wire (raw POP3 and Python's poplib), and APOP as an administrator
 * enables it for one mailbox.
 */
class Pop3RetrievalIT {
    private static final String DOMAIN = "retrieval.it.test";
    private static final String PASSWORD = "retrieval secret 8";
    static final String BOTH = "From: sender@outside.example\r\n"
            + "Subject: text and html\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"alt-1\"\r\n"
            + "\r\n"
            + "--alt-1\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Plain words for plain readers\r\n"
            + "--alt-1\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\n"
            + "\r\n"
            + "<html><body><p>HTML words for <b>rich</b> readers</p></body></html>\r\n"
            + "--alt-1--\r\n";
    static final String PLAIN = "From: sender@outside.example\r\nSubject: plain only\r\n\r\nJust <plain> text\r\n";

    @BeforeAll
    static void domain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    /** A new mailbox holding BOTH (older) and PLAIN (newer). */
    private static String mailbox(String local) throws Exception {
        String user = ServerUnderTest.createMailbox(local, DOMAIN, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            for (String message : List.of(BOTH, PLAIN)) {
                assertTrue(smtp.send("sender@outside.example", List.of(user), message.getBytes(StandardCharsets.US_ASCII))
                        .startsWith("250 "));
                Thread.sleep(5); // distinct internal dates
            }
        }
        return user;
    }

    private static HttpResponse<String> patch(String path, String json) throws Exception {
        return ServerUnderTest.admin("PATCH", path, json);
    }

    /** A multi-line response without its status line and terminator, dot-stuffing undone. */
    private static List<String> lines(LineClient pop) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l = pop.line(); !l.equals("."); l = pop.line()) {
            lines.add(l.startsWith(".") ? l.substring(1) : l);
        }
        return lines;
    }

    private static long octets(List<String> lines) {
        return lines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 2).sum();
    }

    @Test
    void theServiceFormatIsServedAndListAndStatTellItsSize() throws Exception {
        String user = mailbox("texts");
        assertEquals(200, patch("/protocols/pop3", "{\"messageRetrievalMimeFormat\":\"TextOnly\"}").statusCode());
        try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            pop.line();
            pop.command("USER " + user);
            assertTrue(pop.command("PASS " + PASSWORD).startsWith("+OK"));
            String[] stat = pop.command("STAT").split(" ");
            pop.write("LIST\r\n");
            pop.line();
            List<String> listing = lines(pop);
            long[] listed = listing.stream().mapToLong(l -> Long.parseLong(l.split(" ")[1])).toArray();
            assertEquals(2, listed.length);
            assertEquals(Long.parseLong(stat[2]), listed[0] + listed[1], "STAT is the sum of LIST");
            assertEquals("+OK " + listed[0] + " octets", pop.command("RETR 1"));
            List<String> first = lines(pop);
            assertEquals(listed[0], octets(first), "RETR sends the size LIST told: " + first);
            assertTrue(first.contains("Content-Type: text/plain; charset=us-ascii"), first.toString());
            assertTrue(first.contains("Plain words for plain readers"), first.toString());
            assertFalse(String.join("\n", first).contains("HTML words"), "the HTML alternative is not served");
            assertTrue(first.contains("Subject: text and html"), "the header stays");
            assertEquals("+OK " + listed[1] + " octets", pop.command("RETR 2"));
            assertEquals(listed[1], octets(lines(pop)));
            pop.command("QUIT");
        } finally {
            assertEquals(200, patch("/protocols/pop3", "{\"messageRetrievalMimeFormat\":\"BestBodyFormat\"}").statusCode());
        }
        try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            pop.line();
            pop.command("USER " + user);
            pop.command("PASS " + PASSWORD);
            pop.command("RETR 1");
            assertTrue(String.join("\n", lines(pop)).contains("HTML words"), "back to the message as received");
            pop.command("QUIT");
        }
        assertEquals(400, patch("/protocols/pop3", "{\"messageRetrievalMimeFormat\":\"Rtf\"}").statusCode());
    }

    /**
     * Eight mailboxes hold one shared body; their POP3 sessions log in at once in a converting
     * format, so all learn and keep the body's converted size at the same moment: each must still
     * tell the size it sends, and none may fail or wait on another.
     */
    @Test
    void concurrentSessionsLearningOneSharedSizeAllTellWhatTheySend() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(ServerUnderTest.createMailbox("shared" + i, DOMAIN, PASSWORD));
        }
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("sender@outside.example", users, BOTH.getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
        }
        assertEquals(200, patch("/protocols/pop3", "{\"messageRetrievalMimeFormat\":\"HtmlOnly\"}").statusCode());
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<long[]>> sessions = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (String user : users) {
                sessions.add(pool.submit(() -> {
                    try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
                        pop.line();
                        pop.command("USER " + user);
                        start.await();
                        String login = pop.command("PASS " + PASSWORD);
                        assertTrue(login.startsWith("+OK"), login);
                        long listed = Long.parseLong(pop.command("LIST 1").split(" ")[2]);
                        pop.command("RETR 1");
                        long sent = octets(lines(pop));
                        pop.command("QUIT");
                        return new long[] {listed, sent};
                    }
                }));
            }
            start.countDown();
            Long size = null;
            for (Future<long[]> session : sessions) {
                long[] r = session.get(60, TimeUnit.SECONDS);
                assertEquals(r[0], r[1], "LIST told what RETR sent");
                assertTrue(size == null || size == r[0], "one body, one size");
                size = r[0];
            }
        } finally {
            pool.shutdownNow();
            assertEquals(200, patch("/protocols/pop3", "{\"messageRetrievalMimeFormat\":\"BestBodyFormat\"}").statusCode());
        }
    }

    @Test
    void aMailboxsOwnFormatAndOrderBeatTheServicesAndPoplibReadsThem() throws Exception {
        String user = mailbox("own");
        HttpResponse<String> changed = patch("/mailboxes/" + user,
                "{\"pop3\":{\"messageRetrievalMimeFormat\":\"htmlandtextalternative\",\"messageRetrievalSortOrder\":\"Descending\"}}");
        assertEquals(200, changed.statusCode(), changed.body());
        JsonObject pop3 = ServerUnderTest.json(changed).getJsonObject("pop3");
        assertEquals("HtmlAndTextAlternative", pop3.getString("messageRetrievalMimeFormat"));
        assertEquals("Descending", pop3.getString("messageRetrievalSortOrder"));
        HttpResponse<String> bad = patch("/mailboxes/" + user, "{\"pop3\":{\"messageRetrievalMimeFormat\":\"Rtf\"}}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("messageRetrievalMimeFormat", ServerUnderTest.json(bad).getString("field"), bad.body());

        // Python's poplib: message 1 is the newest (the plain one), served as text and HTML alternatives
        Path script = Files.createTempFile("retrieval", ".py");
        Files.writeString(script, """
                import poplib, sys
                host, port, user, password = sys.argv[1:]
                p = poplib.POP3(host, int(port))
                p.user(user)
                p.pass_(password)
                sizes = [int(line.split()[1]) for line in p.list()[1]]
                resp, lines, octets = p.retr(1)
                print("listed", sizes[0], "sent", octets)
                print(b"\\n".join(lines).decode())
                p.quit()
                """);
        Process python = new ProcessBuilder("python3", script.toString(), ServerUnderTest.POP3_HOST,
                Integer.toString(ServerUnderTest.POP3), user, PASSWORD).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), output);
        String[] first = output.lines().findFirst().orElseThrow().split(" ");
        assertEquals(first[1], first[3], "poplib counted the octets LIST told: " + output);
        assertTrue(output.contains("Subject: plain only"), "newest first: " + output);
        assertTrue(output.contains("Content-Type: multipart/alternative"), output);
        assertTrue(output.contains("Content-Type: text/html"), output);
        assertTrue(output.contains("Just &lt;plain&gt; text<br>"), output);

        assertEquals(200, patch("/mailboxes/" + user,
                "{\"pop3\":{\"messageRetrievalMimeFormat\":null,\"messageRetrievalSortOrder\":null}}").statusCode());
        try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            pop.line();
            pop.command("USER " + user);
            pop.command("PASS " + PASSWORD);
            pop.command("RETR 1");
            List<String> served = lines(pop);
            assertTrue(served.contains("Subject: text and html") && served.contains("--alt-1"),
                    "the service's settings again: oldest first, as received " + served);
            pop.command("QUIT");
        }
    }

    @Test
    void apopWorksForAMailboxOnlyOnceAnAdministratorEnablesIt() throws Exception {
        String user = mailbox("apop");
        Path script = Files.createTempFile("apop", ".py");
        Files.writeString(script, """
                import poplib, sys
                host, port, user, secret = sys.argv[1:]
                p = poplib.POP3(host, int(port))
                try:
                    p.apop(user, secret)
                    print("logged in", p.stat()[0])
                    p.quit()
                except poplib.error_proto as e:
                    print("refused", e)
                """);
        assertTrue(apop(script, user, PASSWORD).startsWith("refused b'-ERR [AUTH]"), "APOP is off by default");
        HttpResponse<String> enabled = ServerUnderTest.admin("PUT", "/mailboxes/" + user + "/apop", "{\"secret\":\"apop shared 1\"}");
        assertEquals(200, enabled.statusCode(), enabled.body());
        assertTrue(ServerUnderTest.json(enabled).getJsonObject("pop3").getBoolean("apop"));
        assertFalse(enabled.body().contains("apop shared 1"), "the secret is never shown");
        assertEquals("logged in 2", apop(script, user, "apop shared 1").strip());
        assertTrue(apop(script, user, "apop shared 2").startsWith("refused b'-ERR [AUTH]"));
        assertEquals(400, ServerUnderTest.admin("PUT", "/mailboxes/" + user + "/apop", "{\"secret\":\"short\"}").statusCode());
        assertEquals(200, ServerUnderTest.admin("DELETE", "/mailboxes/" + user + "/apop", null).statusCode());
        assertTrue(apop(script, user, "apop shared 1").startsWith("refused b'-ERR [AUTH]"), "disabled again");
    }

    private static String apop(Path script, String user, String secret) throws Exception {
        Process python = new ProcessBuilder("python3", script.toString(), ServerUnderTest.POP3_HOST,
                Integer.toString(ServerUnderTest.POP3), user, secret).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), output);
        return output;
    }
}
