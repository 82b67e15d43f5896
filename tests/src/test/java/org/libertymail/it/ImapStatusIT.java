package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * STATUS and LIST-STATUS (RFC 3501 6.3.10, RFC 5819, RFC 8438 SIZE) as the store counts them in
 * the database, on both databases: exact against what FETCH and SELECT say, and never behind a
 * delivery that committed while other clients deliver.
 */
class ImapStatusIT {
    private static final String DOMAIN = "status.it.test";
    private static final String PASSWORD = "status-secret";
    private static final Pattern STATUS = Pattern.compile("\\* STATUS \"INBOX\" \\(MESSAGES (\\d+) UIDNEXT (\\d+)\\)");

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    private static void deliver(String user, int n) throws Exception {
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            String reply = smtp.send("s@outside.example", List.of(user),
                    ("Subject: status " + n + "\r\n\r\n" + "x".repeat(10 * n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(reply.startsWith("250"), reply);
        }
    }

    @Test
    void statusCountsWhatTheFolderHolds() throws Exception {
        String user = ServerUnderTest.createMailbox("counts", DOMAIN, PASSWORD);
        for (int n = 1; n <= 5; n++) {
            deliver(user, n);
        }
        try (LineClient reader = LineClient.imapLogin(user, PASSWORD); LineClient other = LineClient.imapLogin(user, PASSWORD)) {
            assertEquals("* STATUS \"INBOX\" (MESSAGES 5 RECENT 5 UNSEEN 5 DELETED 0)",
                    other.imap("a", "STATUS INBOX (MESSAGES RECENT UNSEEN DELETED)").get(0), "all new before any SELECT");
            reader.imap("b", "SELECT INBOX"); // claims \Recent
            reader.imap("c", "STORE 1:2 +FLAGS.SILENT (\\Seen)");
            reader.imap("d", "STORE 3 +FLAGS.SILENT (\\Deleted)");
            long size = 0;
            for (String line : reader.imap("e", "FETCH 1:* RFC822.SIZE")) {
                Matcher m = Pattern.compile("RFC822\\.SIZE (\\d+)").matcher(line);
                size += m.find() ? Long.parseLong(m.group(1)) : 0;
            }
            List<String> select = reader.imap("f", "EXAMINE INBOX");
            String uidValidity = select.stream().filter(l -> l.contains("UIDVALIDITY")).findFirst().orElseThrow()
                    .replaceAll(".*UIDVALIDITY (\\d+).*", "$1");
            assertEquals(List.of("* STATUS \"INBOX\" (MESSAGES 5 RECENT 0 UNSEEN 3 DELETED 1 SIZE " + size
                    + " UIDNEXT 6 UIDVALIDITY " + uidValidity + ")", "g OK STATUS completed"),
                    other.imap("g", "STATUS INBOX (MESSAGES RECENT UNSEEN DELETED SIZE UIDNEXT UIDVALIDITY)"));
            List<String> listed = other.imap("h", "LIST \"\" \"*\" RETURN (STATUS (MESSAGES UNSEEN))");
            assertTrue(listed.contains("* STATUS \"INBOX\" (MESSAGES 5 UNSEEN 3)"), listed.toString());
            assertTrue(listed.contains("* STATUS \"Sent\" (MESSAGES 0 UNSEEN 0)"), listed.toString());
            assertEquals("i NO [NONEXISTENT] Mailbox does not exist", other.imap("i", "STATUS Nowhere (MESSAGES)").get(0));
        }
    }

    @Test
    void statusNeverLagsBehindCommittedDeliveries() throws Exception {
        String user = ServerUnderTest.createMailbox("busy", DOMAIN, PASSWORD);
        int senders = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try (LineClient poller = LineClient.imapLogin(user, PASSWORD)) {
            List<Future<Integer>> running = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                running.add(pool.submit(() -> {
                    for (int i = 1; i <= each; i++) {
                        deliver(user, i);
                    }
                    return each;
                }));
            }
            long lastMessages = 0;
            int polls = 0;
            while (running.stream().anyMatch(f -> !f.isDone()) || polls == 0) {
                Matcher m = STATUS.matcher(poller.imap("p" + polls, "STATUS INBOX (MESSAGES UIDNEXT)").get(0));
                assertTrue(m.matches());
                long messages = Long.parseLong(m.group(1));
                assertTrue(messages >= lastMessages, "MESSAGES never goes back: " + messages + " after " + lastMessages);
                assertTrue(Long.parseLong(m.group(2)) > messages, "UIDNEXT is above every UID: " + m.group());
                lastMessages = messages;
                polls++;
            }
            for (Future<Integer> f : running) {
                f.get(2, TimeUnit.MINUTES);
            }
            assertEquals("* STATUS \"INBOX\" (MESSAGES 40 UIDNEXT 41)", poller.imap("z", "STATUS INBOX (MESSAGES UIDNEXT)").get(0));
        } finally {
            pool.shutdownNow();
        }
    }
}
