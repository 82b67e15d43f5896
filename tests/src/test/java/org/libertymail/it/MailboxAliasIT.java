package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.mail.Folder;
import jakarta.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Aliases: more addresses of one mailbox, managed over REST, delivering to its INBOX over SMTP,
 * one copy however many of its addresses a message names, waking its IDLE sessions.
 */
class MailboxAliasIT {
    private static final String DOMAIN = "alias.it.test";
    private static final String OTHER_DOMAIN = "alias2.it.test";
    private static final String PASSWORD = "alias-secret";

    @BeforeAll
    static void domains() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createDomain(OTHER_DOMAIN);
    }

    private static HttpResponse<String> put(String mailbox, String alias) throws Exception {
        return ServerUnderTest.admin("PUT", "/mailboxes/" + mailbox + "/aliases/" + alias, null);
    }

    private static List<String> aliases(String mailbox) throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("GET", "/mailboxes/" + mailbox + "/aliases", null);
        assertEquals(200, r.statusCode(), r.body());
        return ((JsonArray) ServerUnderTest.parse(r.body())).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    private static String deliver(List<String> to, String subject) throws Exception {
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            return smtp.send("sender@outside.example", to,
                    ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static int inboxCount(String user) throws Exception {
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int n = inbox.getMessageCount();
            inbox.close(false);
            return n;
        }
    }

    @Test
    void mailToAnAliasArrivesInTheMailboxOnceEvenWhenBothAddressesAreNamed() throws Exception {
        String user = ServerUnderTest.createMailbox("dora", DOMAIN, PASSWORD);
        HttpResponse<String> added = put(user, "Sales@" + OTHER_DOMAIN);
        assertEquals(200, added.statusCode(), added.body());
        assertTrue(added.body().contains("sales@" + OTHER_DOMAIN), "stored in its normal form: " + added.body());
        assertEquals(200, put(user, "sales@" + OTHER_DOMAIN).statusCode(), "adding it again changes nothing");
        assertEquals(List.of("sales@" + OTHER_DOMAIN), aliases(user));

        assertTrue(deliver(List.of("sales@" + OTHER_DOMAIN), "to the alias").startsWith("250 "));
        assertEquals(1, inboxCount(user));
        String subject = new String(ServerUnderTest.lastOverImap(user, PASSWORD), StandardCharsets.US_ASCII);
        assertTrue(subject.contains("Subject: to the alias"), subject);

        assertTrue(deliver(List.of(user, "sales@" + OTHER_DOMAIN, "SALES@" + OTHER_DOMAIN), "to both").startsWith("250 "));
        assertEquals(2, inboxCount(user), "one copy for one mailbox");
    }

    @Test
    void aRemovedAliasIsRefusedAndAnAliasGoesWithItsMailbox() throws Exception {
        String user = ServerUnderTest.createMailbox("eve", DOMAIN, PASSWORD);
        assertEquals(200, put(user, "info@" + DOMAIN).statusCode());
        assertTrue(deliver(List.of("info@" + DOMAIN), "first").startsWith("250 "));

        assertEquals(204, ServerUnderTest.admin("DELETE", "/mailboxes/" + user + "/aliases/info@" + DOMAIN, null).statusCode());
        assertEquals(404, ServerUnderTest.admin("DELETE", "/mailboxes/" + user + "/aliases/info@" + DOMAIN, null).statusCode());
        assertTrue(deliver(List.of("info@" + DOMAIN), "second").startsWith("550 5.1.1"), "the SMTP listener forgot it");
        assertEquals(1, inboxCount(user));

        assertEquals(200, put(user, "help@" + DOMAIN).statusCode());
        assertEquals(204, ServerUnderTest.admin("DELETE", "/mailboxes/" + user, null).statusCode());
        assertTrue(deliver(List.of("help@" + DOMAIN), "after the mailbox").startsWith("550 5.1.1"));
        // The address is free again: a new mailbox may take it.
        ServerUnderTest.createMailbox("help@" + DOMAIN, PASSWORD);
    }

    @Test
    void anAddressIsAMailboxOrOneAlias() throws Exception {
        String frank = ServerUnderTest.createMailbox("frank", DOMAIN, PASSWORD);
        String gina = ServerUnderTest.createMailbox("gina", DOMAIN, PASSWORD);
        assertEquals(200, put(frank, "team@" + DOMAIN).statusCode());

        HttpResponse<String> taken = put(gina, "team@" + DOMAIN);
        assertEquals(409, taken.statusCode(), taken.body());
        assertTrue(taken.body().contains(frank), taken.body());
        assertEquals(409, put(gina, frank).statusCode(), "a mailbox's own address");
        HttpResponse<String> mailbox = ServerUnderTest.admin("POST", "/mailboxes",
                "{\"address\":\"team@" + DOMAIN + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(409, mailbox.statusCode(), "a mailbox cannot take an alias's address: " + mailbox.body());

        HttpResponse<String> foreign = put(gina, "someone@not-hosted.example");
        assertEquals(400, foreign.statusCode());
        assertEquals("alias", ServerUnderTest.json(foreign).getString("field"));
        HttpResponse<String> bad = put(gina, "no-at-sign");
        assertEquals(400, bad.statusCode());
        assertEquals("alias", ServerUnderTest.json(bad).getString("field"));
        assertEquals(404, put("nobody@" + DOMAIN, "x@" + DOMAIN).statusCode());
        assertTrue(ServerUnderTest.admin("GET", "/audit?target=aliases&limit=20", null).body().contains("team@" + DOMAIN),
                "alias changes are audited");
    }

    @Test
    void anIdleClientOfTheMailboxHearsOfMailToItsAlias() throws Exception {
        String user = ServerUnderTest.createMailbox("hank", DOMAIN, PASSWORD);
        assertEquals(200, put(user, "hank.alias@" + DOMAIN).statusCode());
        try (LineClient imap = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            imap.line();
            imap.write("a LOGIN " + user + " " + PASSWORD + "\r\nb SELECT INBOX\r\n");
            imap.tagged("b");
            assertEquals("+ idling", imap.command("c IDLE"));
            assertTrue(deliver(List.of("hank.alias@" + DOMAIN), "wake up").startsWith("250 "));
            assertEquals("* 1 EXISTS", imap.line());
            imap.command("DONE");
        }
    }

    @Test
    void concurrentDeliveriesToAnAliasAndAdditionsOfAliasesLoseNothing() throws Exception {
        String user = ServerUnderTest.createMailbox("ivy", DOMAIN, PASSWORD);
        String judy = ServerUnderTest.createMailbox("judy", DOMAIN, PASSWORD);
        assertEquals(200, put(user, "ivy.team@" + DOMAIN).statusCode());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                work.add(() -> deliver(List.of("ivy.team@" + DOMAIN), "concurrent " + n));
                work.add(() -> put(user, "ivy" + n + "@" + OTHER_DOMAIN).statusCode() + "");
            }
            // Two administrators taking one new address at once: exactly one gets it.
            work.add(() -> put(judy, "contested@" + DOMAIN).statusCode() + "");
            work.add(() -> put(user, "contested@" + DOMAIN).statusCode() + "");
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(work)) {
                results.add(f.get());
            }
            assertEquals(8, results.stream().filter(r -> r.startsWith("250 ")).count(), results.toString());
            assertEquals(9, results.stream().filter(r -> r.equals("200")).count(), results.toString());
            assertEquals(1, results.stream().filter(r -> r.equals("409")).count(), results.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, inboxCount(user));
        List<String> ivys = aliases(user);
        List<String> judys = aliases(judy);
        assertEquals(1, (ivys.contains("contested@" + DOMAIN) ? 1 : 0) + (judys.contains("contested@" + DOMAIN) ? 1 : 0));
        assertEquals(10, ivys.size() + judys.size(), ivys + " " + judys);
    }
}
