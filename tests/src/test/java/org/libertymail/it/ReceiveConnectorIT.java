package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receive connectors as data: the defaults stored on first start, CRUD over REST, live
 * application (new connections follow a change, open sessions keep their rules, bindings come
 * and go without a restart), remote-range selection, validation naming the field, bind
 * failures in readiness, and no open relay on any default connector.
 */
class ReceiveConnectorIT {
    private static final String DOMAIN = "connectors.it.test";
    private static final String USER = "erin@" + DOMAIN;
    private static final String PASSWORD = "connector secret 9";

    @BeforeAll
    static void mailbox() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, PASSWORD);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ServerUnderTest.HOST))) {
            return s.getLocalPort();
        }
    }

    private static String connector(String name, int port, String range, String banner) {
        return "{\"name\":\"" + name + "\",\"bindings\":[\"127.0.0.1:" + port + "\"],\"remoteIpRanges\":[\"" + range
                + "\"],\"banner\":\"" + banner + "\",\"authMechanisms\":[\"Tls\"],\"permissionGroups\":[\"AnonymousUsers\"]}";
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return ServerUnderTest.admin("POST", "/receive-connectors", json);
    }

    private static String greeting(String source, int port) throws Exception {
        try (LineClient c = LineClient.plainFrom(source, ServerUnderTest.HOST, port)) {
            return c.smtpReply();
        }
    }

    private static List<String> ehlo(LineClient c) throws Exception {
        return c.ehlo();
    }

    @Test
    void theDefaultsAreStoredConnectorsOnTheConfiguredPorts() throws Exception {
        JsonArray all = ServerUnderTest.parse(ServerUnderTest.admin("GET", "/receive-connectors", null).body()).asJsonArray();
        List<String> summary = new ArrayList<>();
        for (JsonObject c : all.getValuesAs(JsonObject.class)) {
            summary.add(c.getString("name") + " " + c.getJsonArray("bindings") + " " + c.getJsonArray("authMechanisms") + " "
                    + c.getJsonArray("permissionGroups") + " " + c.getBoolean("implicitTls"));
        }
        assertTrue(summary.contains("smtp [\"127.0.0.1:" + ServerUnderTest.SMTP + "\"] [\"Tls\"] [\"AnonymousUsers\"] false"),
                summary.toString());
        assertTrue(summary.contains("submission [\"127.0.0.1:" + ServerUnderTest.SUBMISSION
                + "\"] [\"Tls\",\"BasicAuthRequireTls\"] [\"MailboxUsers\"] false"), summary.toString());
        assertTrue(summary.contains("smtps [\"127.0.0.1:" + ServerUnderTest.SMTPS + "\"] [\"BasicAuth\"] [\"MailboxUsers\"] true"),
                summary.toString());
    }

    @Test
    void theMostSpecificRemoteRangeWinsAndChangesApplyLiveToNewConnectionsOnly() throws Exception {
        int port = freePort();
        assertEquals(201, post(connector("it-any", port, "127.0.0.0/8", "any ready")).statusCode());
        assertEquals(201, post(connector("it-two", port, "127.0.0.2", "two ready")).statusCode());
        assertEquals("220 two ready", greeting("127.0.0.2", port));
        assertEquals("220 any ready", greeting("127.0.0.3", port));

        try (LineClient before = LineClient.plainFrom("127.0.0.3", ServerUnderTest.HOST, port)) {
            before.smtpReply();
            assertTrue(ehlo(before).contains("250-SIZE 67108864"));
            HttpResponse<String> patched = ServerUnderTest.admin("PATCH", "/receive-connectors/it-any",
                    "{\"banner\":\"changed ready\",\"maxMessageSize\":1000,\"disabledExtensions\":[\"PIPELINING\"]}");
            assertEquals(200, patched.statusCode(), patched.body());
            try (LineClient after = LineClient.plainFrom("127.0.0.3", ServerUnderTest.HOST, port)) {
                assertEquals("220 changed ready", after.smtpReply());
                List<String> lines = ehlo(after);
                assertTrue(lines.contains("250-SIZE 1000") && !lines.contains("250-PIPELINING"), lines.toString());
            }
            List<String> old = ehlo(before);
            assertTrue(old.contains("250-SIZE 67108864") && old.contains("250-PIPELINING"),
                    "the open session keeps the rules it started with: " + old);
            assertEquals("250 2.1.0 Ok", before.command("MAIL FROM:<someone@outside.example> SIZE=5000"));
        }

        assertEquals(204, ServerUnderTest.admin("DELETE", "/receive-connectors/it-two", null).statusCode());
        assertEquals("220 changed ready", greeting("127.0.0.2", port), "127.0.0.2 falls back to the wider range");
        assertEquals(200, ServerUnderTest.admin("PATCH", "/receive-connectors/it-any", "{\"enabled\":false}").statusCode());
        assertThrows(ConnectException.class, () -> greeting("127.0.0.3", port), "the binding is closed");
        assertEquals(200, ServerUnderTest.admin("PATCH", "/receive-connectors/it-any", "{\"enabled\":true}").statusCode());
        assertEquals("220 changed ready", greeting("127.0.0.3", port), "and bound again");
        assertEquals(204, ServerUnderTest.admin("DELETE", "/receive-connectors/it-any", null).statusCode());
        assertThrows(ConnectException.class, () -> greeting("127.0.0.3", port));
        assertEquals(404, ServerUnderTest.admin("GET", "/receive-connectors/it-any", null).statusCode());
    }

    @Test
    void invalidDefinitionsAreRefusedNamingTheField() throws Exception {
        int port = freePort();
        assertEquals(201, post(connector("it-valid", port, "0.0.0.0/0", "valid")).statusCode());
        try {
            assertField("remoteIpRanges", post(connector("it-same", port, "0.0.0.0/0", "same")));
            assertField("remoteIpRanges", post(connector("it-cidr", freePort(), "10.0.0.0/33", "x")));
            assertField("bindings", post(connector("it-imap", ServerUnderTest.IMAP, "0.0.0.0/0", "x")));
            assertField("bindings", post(connector("it-port", 70000, "0.0.0.0/0", "x")));
            assertField("maxMessageSize", ServerUnderTest.admin("PATCH", "/receive-connectors/it-valid", "{\"maxMessageSize\":-1}"));
            assertField("permissionGroups", ServerUnderTest.admin("PATCH", "/receive-connectors/it-valid",
                    "{\"permissionGroups\":[\"Everyone\"]}"));
            assertField("disabledExtensions", ServerUnderTest.admin("PATCH", "/receive-connectors/it-valid",
                    "{\"disabledExtensions\":[\"STARTTLS\"]}"));
            assertField("maxHopCount", ServerUnderTest.admin("PATCH", "/receive-connectors/it-valid", "{\"maxHopCount\":-5}"));
            assertField("bannner", ServerUnderTest.admin("PATCH", "/receive-connectors/it-valid", "{\"bannner\":\"typo\"}"));
            assertField("banner", ServerUnderTest.admin("PATCH", "/receive-connectors/it-valid",
                    "{\"banner\":\"ready\\r\\n250 injected\"}"));
            assertEquals(409, post(connector("IT-VALID", freePort(), "0.0.0.0/0", "dup")).statusCode());
        } finally {
            ServerUnderTest.admin("DELETE", "/receive-connectors/it-valid", null);
        }
    }

    private static void assertField(String field, HttpResponse<String> r) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.body());
        assertEquals(field, ServerUnderTest.json(r).getString("field"), r.body());
    }

    @Test
    void aBindingThatCannotBindMakesReadinessDownWithTheReason() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(ServerUnderTest.HOST))) {
            int port = squatter.getLocalPort();
            assertEquals(201, post(connector("it-blocked", port, "0.0.0.0/0", "blocked")).statusCode());
            HttpResponse<String> ready = ServerUnderTest.send("GET", "/health/ready", null, null, null);
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("smtp.it-blocked.error"), ready.body());
            assertEquals(204, ServerUnderTest.admin("DELETE", "/receive-connectors/it-blocked", null).statusCode());
        }
        assertEquals(200, ServerUnderTest.send("GET", "/health/ready", null, null, null).statusCode());
    }

    @Test
    void noDefaultConnectorIsAnOpenRelayWithOrWithoutTlsAndAuth() throws Exception {
        String plain = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        // Port 25: anonymous, no AUTH; foreign recipients refused in the clear and over TLS.
        for (boolean tls : new boolean[] {false, true}) {
            try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
                c.smtpReply();
                ehlo(c);
                if (tls) {
                    c.command("STARTTLS");
                    c.startTls();
                    ehlo(c);
                }
                assertEquals("502 5.5.1 Error: authentication not enabled", c.command("AUTH PLAIN " + plain));
                assertEquals("250 2.1.0 Ok", c.command("MAIL FROM:<spammer@outside.example>"));
                assertTrue(c.command("RCPT TO:<victim@elsewhere.example>").startsWith("550 5.7.1"), "25, tls=" + tls);
            }
        }
        // 587 and 465: nothing without AUTH, and no relay with it.
        for (int port : new int[] {ServerUnderTest.SUBMISSION, ServerUnderTest.SMTPS}) {
            try (LineClient c = port == ServerUnderTest.SMTPS ? LineClient.tls(ServerUnderTest.HOST, port)
                    : LineClient.plain(ServerUnderTest.HOST, port)) {
                c.smtpReply();
                ehlo(c);
                assertEquals("530 5.7.0 Authentication required", c.command("MAIL FROM:<spammer@outside.example>"));
                if (port == ServerUnderTest.SUBMISSION) {
                    c.command("STARTTLS");
                    c.startTls();
                    ehlo(c);
                    assertEquals("530 5.7.0 Authentication required", c.command("MAIL FROM:<spammer@outside.example>"));
                }
                assertEquals("235 2.7.0 Authentication successful", c.command("AUTH PLAIN " + plain));
                assertEquals("250 2.1.0 Ok", c.command("MAIL FROM:<" + USER + ">"));
                assertTrue(c.command("RCPT TO:<victim@elsewhere.example>").startsWith("550 5.7.1"), "port " + port);
            }
        }
    }
}
