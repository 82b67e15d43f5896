package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fetchmail, as .ci/run installs it, over POP3 with STLS: "leave a copy on the server" (keep)
 * fetches the messages and leaves them; without it they are fetched and deleted.
 */
class FetchmailIT {
    private static final String DOMAIN = "fetchmail.it.test";
    private static final String PASSWORD = "fetch-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    /** Runs fetchmail once with {@code options} for the poll; @return its output */
    private static String fetchmail(Path dir, String user, String options) throws Exception {
        Path mbox = dir.resolve("mbox");
        Path rc = dir.resolve("fetchmailrc");
        Files.writeString(rc, "set no bouncemail\n"
                + "poll " + ServerUnderTest.POP3_HOST + " with proto POP3 port " + ServerUnderTest.POP3 + "\n"
                + "  user \"" + user + "\" there with password \"" + PASSWORD + "\" is root here\n"
                + "  options " + options + " no sslcertck mda \"/bin/sh -c 'cat >> " + mbox + "'\"\n");
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        Process p = new ProcessBuilder("fetchmail", "-f", rc.toString(), "-i", dir.resolve("ids").toString(), "--nosyslog",
                "-N", "-v").redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    private static int messagesOnServer(String user) throws Exception {
        try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            pop.line();
            pop.command("USER " + user);
            String ok = pop.command("PASS " + PASSWORD);
            assertTrue(ok.startsWith("+OK Maildrop has "), ok);
            pop.command("QUIT");
            return Integer.parseInt(ok.split(" ")[3]);
        }
    }

    @Test
    void keepLeavesTheMessagesAndWithoutItTheyAreFetchedAndDeleted() throws Exception {
        String user = ServerUnderTest.createMailbox("fetcher", DOMAIN, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            for (String subject : List.of("first fetch", "second fetch")) {
                assertTrue(smtp.send("s@outside.example", List.of(user),
                        ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
            }
        }
        Path dir = Files.createTempDirectory("fetchmail");
        String kept = fetchmail(dir, user, "keep fetchall");
        assertTrue(kept.contains("2 messages"), kept);
        assertTrue(kept.contains("STLS"), "fetchmail upgrades to TLS when offered: " + kept);
        String mbox = Files.readString(dir.resolve("mbox"));
        assertTrue(mbox.contains("Subject: first fetch") && mbox.contains("Subject: second fetch"), mbox);
        assertEquals(2, messagesOnServer(user), "keep: a copy stays on the server");

        fetchmail(dir, user, "no keep fetchall");
        assertEquals(2, Files.readString(dir.resolve("mbox")).split("Subject: first fetch", -1).length - 1,
                "fetched once more");
        assertEquals(0, messagesOnServer(user), "without keep: removed from the server");
    }
}
