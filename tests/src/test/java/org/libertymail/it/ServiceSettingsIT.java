package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POP3 and IMAP service settings (Set-PopSettings / Set-ImapSettings) over
 * /api/v1/protocols/{pop3,imap}: read, changed live (bindings, banner, limits), validated.
 */
class ServiceSettingsIT {

    private static final String USER = "gina@settings.it.test";
    private static final String PASSWORD = "settings secret 5";

    @BeforeAll
    static void ready() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain("settings.it.test");
        ServerUnderTest.createMailbox(USER, PASSWORD);
    }

    @Test
    void perUserSessionsAndTheTimeoutBeforeLoginApplyLive() throws Exception {
        assertEquals(200, patch("imap", "{\"maxConnectionsPerUser\":1,\"preAuthenticatedTimeout\":2}").statusCode());
        try (LineClient first = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP);
                LineClient second = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP);
                LineClient idle = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            first.line();
            second.line();
            idle.line();
            assertTrue(first.command("a LOGIN " + USER + " \"" + PASSWORD + "\"").startsWith("a OK"));
            assertEquals("b NO [UNAVAILABLE] Too many sessions for this account, try again later",
                    second.command("b LOGIN " + USER + " \"" + PASSWORD + "\""));
            long start = System.nanoTime();
            assertEquals("* BYE Autologout; idle for too long", idle.line(), "silent before login: closed after 2 s");
            assertTrue(System.nanoTime() - start > 1_000_000_000L);
            Thread.sleep(1500);
            assertEquals("c OK NOOP completed", first.command("c NOOP"), "logged in: the longer timeout applies");
        } finally {
            assertEquals(200, patch("imap", "{\"maxConnectionsPerUser\":0,\"preAuthenticatedTimeout\":0}").statusCode());
        }
        try (LineClient again = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            again.line();
            assertTrue(again.command("a LOGIN " + USER + " \"" + PASSWORD + "\"").startsWith("a OK"), "the closed sessions count no more");
        }
    }

    private static HttpResponse<String> patch(String protocol, String json) throws Exception {
        return ServerUnderTest.admin("PATCH", "/protocols/" + protocol, json);
    }

    @Test
    void settingsShowTheBindingsAndLoginType() throws Exception {
        JsonObject imap = ServerUnderTest.json(ServerUnderTest.admin("GET", "/protocols/imap", null)).getJsonObject("settings");
        assertEquals("[\"127.0.0.1:" + ServerUnderTest.IMAP + "\"]", imap.getJsonArray("bindings").toString());
        assertEquals("[\"127.0.0.1:" + ServerUnderTest.IMAPS + "\"]", imap.getJsonArray("tlsBindings").toString());
        assertEquals("SecureLogin", imap.getString("loginType"));
    }

    @Test
    void bannerAndLimitsApplyToNewConnectionsAtOnce() throws Exception {
        try (LineClient open = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            open.line();
            assertEquals(200, patch("imap", "{\"banner\":\"imap.example ready\",\"maxConnectionsPerIp\":2}").statusCode());
            // One after the other: the server takes connections in the order it accepts them.
            try (LineClient a = LineClient.plainFrom("127.0.0.31", ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
                String greeting = a.line();
                assertTrue(greeting.endsWith("] imap.example ready"), greeting);
                try (LineClient b = LineClient.plainFrom("127.0.0.31", ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
                    greeting = b.line();
                    assertTrue(greeting.endsWith("] imap.example ready"), greeting);
                    try (LineClient c = LineClient.plainFrom("127.0.0.31", ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
                        assertEquals("* BYE [UNAVAILABLE] Too many connections, try again later", c.line());
                    }
                }
            } finally {
                assertEquals(200, patch("imap", "{\"banner\":null,\"maxConnectionsPerIp\":0}").statusCode());
            }
            assertEquals("a OK NOOP completed", open.command("a NOOP"), "the session opened before goes on");
        }
    }

    @Test
    void bindingsMoveLive() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(ServerUnderTest.POP3_HOST))) {
            port = free.getLocalPort();
        }
        String original = "[\"" + ServerUnderTest.POP3_HOST + ":" + ServerUnderTest.POP3S + "\"]";
        assertEquals(200, patch("pop3", "{\"tlsBindings\":[\"" + ServerUnderTest.POP3_HOST + ":" + port + "\"]}").statusCode());
        try {
            assertThrows(ConnectException.class, () -> LineClient.tls(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3S).close());
            try (LineClient moved = LineClient.tls(ServerUnderTest.POP3_HOST, port)) {
                assertTrue(moved.line().startsWith("+OK"));
            }
        } finally {
            assertEquals(200, patch("pop3", "{\"tlsBindings\":" + original + "}").statusCode());
        }
        try (LineClient back = LineClient.tls(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3S)) {
            assertTrue(back.line().startsWith("+OK"));
        }
    }

    @Test
    void invalidSettingsAreRefusedNamingTheField() throws Exception {
        assertField("loginType", patch("imap", "{\"loginType\":\"Bogus\"}"));
        assertField("logintype", patch("imap", "{\"logintype\":\"PlainTextLogin\"}"));
        assertField("bindings", patch("imap", "{\"bindings\":[\"127.0.0.1:" + ServerUnderTest.SMTP + "\"]}"));
        assertField("maxCommandSize", patch("pop3", "{\"maxCommandSize\":100}"));
        assertField("externalConnectionSettings", patch("pop3", "{\"externalConnectionSettings\":[\"mail.example.com\"]}"));
        assertEquals(400, patch("smtp", "{\"banner\":\"x\"}").statusCode(), "SMTP is configured by receive connectors");
        assertEquals(200, patch("pop3", "{\"externalConnectionSettings\":[\"mail.example.com:995:SSL\"]}").statusCode());
        assertField("messageRetrievalSortOrder", patch("pop3", "{\"messageRetrievalSortOrder\":\"Random\"}"));
        assertField("expire", patch("pop3", "{\"expire\":\"soon\"}"));
        assertField("loginDelay", patch("pop3", "{\"loginDelay\":-1}"));
        assertField("maxSessionLifetime", patch("imap", "{\"maxSessionLifetime\":-5}"));
    }

    /** Set-PopSettings' MessageRetrievalSortOrder, RFC 2449's EXPIRE and LOGIN-DELAY, a session's longest life. */
    @Test
    void pop3RetrievalOrderAnnouncementsAndSessionLifetimeApplyLive() throws Exception {
        String user = ServerUnderTest.createMailbox("ordered", "settings.it.test", PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            for (String subject : List.of("older", "newer")) {
                assertTrue(smtp.send("s@outside.example", List.of(user),
                        ("Subject: " + subject + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
                Thread.sleep(5); // distinct internal dates
            }
        }
        HttpResponse<String> changed = patch("pop3", "{\"messageRetrievalSortOrder\":\"Descending\",\"expire\":\"30\","
                + "\"loginDelay\":1,\"maxSessionLifetime\":3}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("Descending", ServerUnderTest.json(changed).getJsonObject("settings").getString("messageRetrievalSortOrder"));
        try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            pop.line();
            pop.write("CAPA\r\n");
            List<String> capa = new java.util.ArrayList<>();
            for (String l = pop.line(); !l.equals("."); l = pop.line()) {
                capa.add(l);
            }
            assertTrue(capa.contains("EXPIRE 30") && capa.contains("LOGIN-DELAY 1"), capa.toString());
            pop.command("USER " + user);
            assertTrue(pop.command("PASS " + PASSWORD).startsWith("+OK"));
            pop.write("TOP 1 0\r\n");
            List<String> top = new java.util.ArrayList<>();
            for (String l = pop.line(); !l.equals("."); l = pop.line()) {
                top.add(l);
            }
            assertTrue(top.contains("Subject: newer"), "message 1 is the newest: " + top);
            long start = System.nanoTime();
            assertThrows(java.io.IOException.class, () -> {
                for (int i = 0; i < 5; i++) {
                    pop.line(); // nothing to read until the session's life ends
                }
            });
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 10, "closed after its 3 s of life, not the idle timeout: " + seconds);
        } finally {
            assertEquals(200, patch("pop3", "{\"messageRetrievalSortOrder\":\"Ascending\",\"expire\":\"NEVER\","
                    + "\"loginDelay\":0,\"maxSessionLifetime\":0}").statusCode());
        }
    }

    private static void assertField(String field, HttpResponse<String> r) {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, ServerUnderTest.json(r).getString("field"), r.body());
    }
}
