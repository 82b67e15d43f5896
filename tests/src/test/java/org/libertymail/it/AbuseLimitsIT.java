package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connection floods and password guessing, with the shipped limits: 100 connections per
 * source address per protocol; 10 failures lock an account and 30 an address for 15 minutes;
 * each failure's reply is delayed 0.5 s more than the last (at most 5 s). Each test uses a
 * source address of its own in 127.0.0.0/8, so the others' counts stay clean; timing bounds
 * are loose for a noisy 2-core machine.
 */
class AbuseLimitsIT {
    private static final String DOMAIN = "abuse.it.test";
    private static final String PASSWORD = "abuse secret 77";

    @BeforeAll
    static void mailboxes() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        for (String user : new String[] {"victim", "slow", "bystander"}) {
            ServerUnderTest.createMailbox(user + "@" + DOMAIN, PASSWORD);
        }
    }

    private static String flood(String source, String host, int port) throws Exception {
        List<LineClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                LineClient c = LineClient.plainFrom(source, host, port);
                open.add(c);
                c.line(); // each of the first 100 gets its greeting
            }
            try (LineClient refused = LineClient.plainFrom(source, host, port)) {
                String line = refused.line();
                try (LineClient other = LineClient.plainFrom("127.0.0.1", host, port)) {
                    assertTrue(!other.line().contains("Too many"), "another source is still served");
                }
                return line;
            }
        } finally {
            for (LineClient c : open) {
                c.close();
            }
        }
    }

    @Test
    void theConnectionOverThePerSourceLimitIsRefusedInEachProtocolsWords() throws Exception {
        assertEquals("* BYE [UNAVAILABLE] Too many connections, try again later",
                flood("127.0.0.21", ServerUnderTest.HOST, ServerUnderTest.IMAP));
        assertEquals("421 4.7.0 mail.it.test Too many connections, try again later",
                flood("127.0.0.22", ServerUnderTest.HOST, ServerUnderTest.SMTP));
        assertEquals("-ERR [SYS/TEMP] Too many connections, try again later",
                flood("127.0.0.23", ServerUnderTest.POP3_HOST, ServerUnderTest.POP3));
    }

    @Test
    void failedLoginsAreTarpittedMoreEachTime() throws Exception {
        try (LineClient c = LineClient.plainFrom("127.0.0.24", ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            c.line();
            long[] millis = new long[3];
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                assertEquals("a" + i + " NO [AUTHENTICATIONFAILED] Invalid credentials",
                        c.command("a" + i + " LOGIN slow@" + DOMAIN + " wrong-password"));
                millis[i] = (System.nanoTime() - t) / 1_000_000;
            }
            assertTrue(millis[0] >= 400 && millis[2] >= 1200 && millis[2] > millis[0], java.util.Arrays.toString(millis));
            assertTrue(c.command("b LOGIN slow@" + DOMAIN + " \"" + PASSWORD + "\"").startsWith("b OK"));
        }
    }

    @Test
    void anAccountLockedOverImapIsLockedForEveryProtocolUntilAnAdminLiftsIt() throws Exception {
        String victim = "victim@" + DOMAIN;
        try (LineClient c = LineClient.plainFrom("127.0.0.25", ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            c.line();
            // A guesser pipelines: the tarpit holds the replies, the failures count at once.
            StringBuilder guesses = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                guesses.append("g").append(i).append(" LOGIN ").append(victim).append(" guess").append(i).append("\r\n");
            }
            c.write(guesses.toString());
            assertEquals("g9 NO [AUTHENTICATIONFAILED] Invalid credentials", c.tagged("g9"));
            assertEquals("r NO [UNAVAILABLE] Too many authentication failures, try again later",
                    c.command("r LOGIN " + victim + " \"" + PASSWORD + "\""), "locked even with the right password");
        }
        try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            pop.line();
            pop.command("USER " + victim);
            assertEquals("-ERR [SYS/TEMP] Too many authentication failures, try again later", pop.command("PASS " + PASSWORD));
        }
        try (LineClient smtp = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SUBMISSION)) {
            smtp.smtpReply();
            smtp.write("EHLO client.it.test\r\n");
            smtp.smtpReply();
            smtp.command("STARTTLS");
            smtp.startTls();
            smtp.write("EHLO client.it.test\r\n");
            smtp.smtpReply();
            String plain = Base64.getEncoder().encodeToString(("\0" + victim + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertEquals("454 4.7.0 Too many authentication failures, try again later", smtp.command("AUTH PLAIN " + plain));
        }

        HttpResponse<String> list = ServerUnderTest.admin("GET", "/lockouts", null);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("\"kind\":\"account\"") && list.body().contains("\"key\":\"" + victim + "\""), list.body());
        assertEquals(204, ServerUnderTest.admin("DELETE", "/lockouts/account/" + victim, null).statusCode());
        assertEquals(404, ServerUnderTest.admin("DELETE", "/lockouts/account/" + victim, null).statusCode());
        assertEquals(400, ServerUnderTest.admin("DELETE", "/lockouts/planet/" + victim, null).statusCode());
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            c.line();
            assertTrue(c.command("a LOGIN " + victim + " \"" + PASSWORD + "\"").startsWith("a OK"));
        }
    }

    @Test
    void aGuessingSourceIsLockedForEveryAccount() throws Exception {
        String source = "127.0.0.26";
        try (LineClient c = LineClient.plainFrom(source, ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            c.line();
            StringBuilder guesses = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                guesses.append("g").append(i).append(" LOGIN user").append(i).append("@").append(DOMAIN).append(" x\r\n");
            }
            c.write(guesses.toString());
            c.tagged("g29");
            assertEquals("r NO [UNAVAILABLE] Too many authentication failures, try again later",
                    c.command("r LOGIN bystander@" + DOMAIN + " \"" + PASSWORD + "\""));
        }
        try (LineClient other = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            other.line();
            assertTrue(other.command("a LOGIN bystander@" + DOMAIN + " \"" + PASSWORD + "\"").startsWith("a OK"),
                    "the account itself is not locked");
        }
        assertTrue(ServerUnderTest.admin("GET", "/lockouts", null).body().contains("\"key\":\"" + source + "\""));
        assertEquals(204, ServerUnderTest.admin("DELETE", "/lockouts/ip/" + source, null).statusCode());
    }
}
