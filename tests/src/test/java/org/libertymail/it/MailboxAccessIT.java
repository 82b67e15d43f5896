package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-mailbox access (Exchange's Set-CASMailbox) over REST: a mailbox or one of its protocols
 * disabled refuses logins with each protocol's code and ends the sessions already open; so do a
 * new password and the mailbox's deletion. The open sessions are listed and one can be closed.
 * POP3 allows one session per maildrop.
 */
class MailboxAccessIT {
    private static final String DOMAIN = "access.it.test";
    private static final String PASSWORD = "access-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    private static LineClient pop3(String user, String password) throws Exception {
        LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3);
        pop.line();
        assertTrue(pop.command("USER " + user).startsWith("+OK"));
        return pop;
    }

    private static String imapLogin(String user, String password) throws Exception {
        try (LineClient imap = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            imap.line();
            return imap.command("a LOGIN " + user + " " + password);
        }
    }

    /** AUTH PLAIN on the submission port after STARTTLS; the reply to AUTH. */
    private static String submissionAuth(String user, String password) throws Exception {
        try (LineClient smtp = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SUBMISSION)) {
            return auth(smtp, user, password);
        }
    }

    /** A submission session logged in as {@code user}. */
    private static LineClient submission(String user, String password) throws Exception {
        LineClient smtp = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SUBMISSION);
        assertTrue(auth(smtp, user, password).startsWith("235 "));
        return smtp;
    }

    private static String auth(LineClient smtp, String user, String password) throws Exception {
        smtp.smtpReply();
        smtp.ehlo();
        assertTrue(smtp.command("STARTTLS").startsWith("220"));
        smtp.startTls();
        smtp.ehlo();
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return smtp.command("AUTH PLAIN " + token);
    }

    private static JsonObject patch(String user, String json) throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("PATCH", "/mailboxes/" + user, json);
        assertEquals(200, r.statusCode(), r.body());
        return ServerUnderTest.json(r);
    }

    /** The server closes the connection: reading ends, without a reply to what was sent. */
    private static void assertClosed(LineClient client, String command) {
        assertThrows(IOException.class, () -> {
            client.write(command + "\r\n");
            for (int i = 0; i < 10; i++) {
                client.line();
            }
        });
    }

    private static JsonArray sessions(String account) throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("GET", "/sessions?account=" + account, null);
        assertEquals(200, r.statusCode(), r.body());
        return ServerUnderTest.parse(r.body()).asJsonArray();
    }

    @Test
    void disablingAProtocolOrTheMailboxEndsItsSessionsAndRefusesItsLogins() throws Exception {
        String user = ServerUnderTest.createMailbox("worker", DOMAIN, PASSWORD);
        try (LineClient imap = LineClient.imapLogin(user, PASSWORD); LineClient pop = pop3(user, PASSWORD)) {
            assertTrue(pop.command("PASS " + PASSWORD).startsWith("+OK Maildrop"));
            imap.imap("b", "SELECT INBOX");
            JsonArray open = sessions(user);
            assertEquals(2, open.size(), open.toString());
            assertEquals(List.of("imap", "pop3"), open.stream().map(v -> v.asJsonObject().getString("protocol")).sorted().toList());

            JsonObject after = patch(user, "{\"protocols\":{\"pop3\":false}}");
            assertFalse(after.getJsonObject("access").getJsonObject("protocols").getBoolean("pop3"));
            assertTrue(after.getJsonObject("access").getJsonObject("protocols").getBoolean("imap"));
            assertClosed(pop, "STAT");
            assertEquals("c OK NOOP completed", imap.imap("c", "NOOP").get(0), "IMAP may go on");
            try (LineClient again = pop3(user, PASSWORD)) {
                assertEquals("-ERR [SYS/PERM] POP3 access to this mailbox is disabled; contact your administrator",
                        again.command("PASS " + PASSWORD));
            }
            try (LineClient wrong = pop3(user, PASSWORD)) {
                assertEquals("-ERR [AUTH] Invalid user name or password", wrong.command("PASS not-the-password"),
                        "a guesser learns nothing");
            }

            patch(user, "{\"enabled\":false}");
            assertClosed(imap, "d NOOP");
        }
        assertEquals("a NO [CONTACTADMIN] IMAP access to this mailbox is disabled", imapLogin(user, PASSWORD));
        assertEquals("535 5.7.8 This mailbox may not submit mail; contact your administrator", submissionAuth(user, PASSWORD));

        patch(user, "{\"enabled\":true,\"protocols\":{\"pop3\":true,\"smtp\":true}}");
        assertTrue(imapLogin(user, PASSWORD).startsWith("a OK"));
        assertTrue(submissionAuth(user, PASSWORD).startsWith("235 "));
        try (LineClient pop = pop3(user, PASSWORD)) {
            assertTrue(pop.command("PASS " + PASSWORD).startsWith("+OK Maildrop"));
        }
        HttpResponse<String> bad = ServerUnderTest.admin("PATCH", "/mailboxes/" + user, "{\"protocols\":{\"nntp\":true}}");
        assertEquals(400, bad.statusCode(), bad.body());
        bad = ServerUnderTest.admin("PATCH", "/mailboxes/" + user, "{\"enabled\":\"no\"}");
        assertEquals(400, bad.statusCode(), bad.body());
    }

    @Test
    void aNewPasswordOrAResetOrTheMailboxsDeletionEndsItsSessions() throws Exception {
        String user = ServerUnderTest.createMailbox("mover", DOMAIN, PASSWORD);
        try (LineClient imap = LineClient.imapLogin(user, PASSWORD); LineClient smtp = submission(user, PASSWORD)) {
            patch(user, "{\"password\":\"a-new-secret\"}");
            assertTrue(smtp.line().matches("421 4\\.3\\.2 \\S+ Session closed by the administrator"), "SMTP says why");
            assertEquals("* BYE Session closed by the administrator", imap.line());
            assertClosed(imap, "b NOOP");
        }
        assertTrue(imapLogin(user, PASSWORD).startsWith("a NO [AUTHENTICATIONFAILED]"));
        try (LineClient imap = LineClient.imapLogin(user, "a-new-secret")) {
            HttpResponse<String> reset = ServerUnderTest.admin("POST", "/mailboxes/" + user + "/password-reset", null);
            assertEquals(200, reset.statusCode(), reset.body());
            String generated = ServerUnderTest.json(reset).getString("password");
            assertEquals(20, generated.length());
            assertClosed(imap, "b NOOP");
            assertTrue(imapLogin(user, generated).startsWith("a OK"));
            try (LineClient last = LineClient.imapLogin(user, generated)) {
                assertEquals(204, ServerUnderTest.admin("DELETE", "/mailboxes/" + user, null).statusCode());
                assertClosed(last, "b NOOP");
            }
        }
    }

    @Test
    void openSessionsAreListedAndOneCanBeClosed() throws Exception {
        String user = ServerUnderTest.createMailbox("watched", DOMAIN, PASSWORD);
        try (LineClient imap = LineClient.imapLogin(user, PASSWORD)) {
            imap.imap("b", "NOOP");
            JsonArray open = sessions(user);
            assertEquals(1, open.size(), open.toString());
            JsonObject s = open.getJsonObject(0);
            assertEquals("imap", s.getString("protocol"));
            assertEquals(user, s.getString("account"));
            assertFalse(s.getBoolean("tls"));
            assertTrue(s.getString("remote").startsWith("127.0.0.1:"), s.toString());
            assertTrue(s.getString("startedAt").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), s.toString());
            assertTrue(s.getJsonNumber("commands").longValue() >= 2, s.toString());

            HttpResponse<String> all = ServerUnderTest.admin("GET", "/sessions?protocol=imap", null);
            assertTrue(all.body().contains(s.getString("id")), all.body());
            assertEquals(204, ServerUnderTest.admin("DELETE", "/sessions/" + s.getString("id"), null).statusCode());
            assertEquals("* BYE Session closed by the administrator", imap.line());
            assertClosed(imap, "c NOOP");
            assertEquals(404, ServerUnderTest.admin("DELETE", "/sessions/" + s.getString("id"), null).statusCode());
        }
        assertEquals(0, sessions(user).size());
    }

    @Test
    void aSecondPop3SessionFindsTheMaildropInUse() throws Exception {
        String user = ServerUnderTest.createMailbox("popper", DOMAIN, PASSWORD);
        try (LineClient first = pop3(user, PASSWORD); LineClient second = pop3(user, PASSWORD)) {
            assertTrue(first.command("PASS " + PASSWORD).startsWith("+OK Maildrop"));
            assertEquals("-ERR [IN-USE] Maildrop already locked by another session", second.command("PASS " + PASSWORD));
            assertTrue(first.command("QUIT").startsWith("+OK"));
            assertTrue(second.command("USER " + user).startsWith("+OK"));
            assertTrue(second.command("PASS " + PASSWORD).startsWith("+OK Maildrop"), "free once the first quit");
        }
    }
}
