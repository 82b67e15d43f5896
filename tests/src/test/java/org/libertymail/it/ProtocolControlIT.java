package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting and stopping a listener live through the REST API and the adapter's outbound connection. */
class ProtocolControlIT {
    private static final String USER = "imapuser@control.it.test";
    private static final String PASSWORD = "control-password";

    @BeforeAll
    static void setUp() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain("control.it.test");
        ServerUnderTest.createMailbox(USER, PASSWORD);
    }

    @AfterEach
    void imapEnabledAgain() throws Exception {
        ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":true}");
    }

    @Test
    void listsEveryProtocolWithItsPort() throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("GET", "/protocols", null);
        assertEquals(200, r.statusCode());
        JsonArray protocols = (JsonArray) ServerUnderTest.parse(r.body());
        assertEquals(3, protocols.size());
        for (JsonObject p : protocols.getValuesAs(JsonObject.class)) {
            int expected = switch (p.getString("protocol")) {
                case "smtp" -> ServerUnderTest.SMTP;
                case "pop3" -> ServerUnderTest.POP3;
                case "imap" -> ServerUnderTest.IMAP;
                default -> throw new AssertionError(p);
            };
            assertEquals(expected, p.getInt("port"));
            assertEquals(p.getString("protocol").equals("pop3") ? ServerUnderTest.POP3_HOST : ServerUnderTest.HOST,
                    p.getString("bindAddress"), "bind addresses come from the environment");
            assertTrue(p.getBoolean("bound"), p.toString());
        }
    }

    @Test
    void disabledImapRefusesConnectionsWhileServerStaysReadyAndComesBack() throws Exception {
        HttpResponse<String> off = ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":false}");
        assertEquals(200, off.statusCode(), off.body());
        JsonObject state = ServerUnderTest.json(off);
        assertFalse(state.getBoolean("enabled"));
        assertFalse(state.getBoolean("bound"));

        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ServerUnderTest.HOST, ServerUnderTest.IMAP), 5000);
            }
        });

        HttpResponse<String> ready = ServerUnderTest.send("GET", "/health/ready", null, null, null);
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject check = ServerUnderTest.json(ready).getJsonArray("checks").getJsonObject(0);
        assertEquals("UP", check.getString("status"));
        assertEquals("disabled", check.getJsonObject("data").getString("imap.state"));

        HttpResponse<String> on = ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":true}");
        assertEquals(200, on.statusCode(), on.body());
        assertTrue(ServerUnderTest.json(on).getBoolean("bound"));

        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(USER, PASSWORD);
            assertTrue(store.isConnected());
        }
    }

    @Test
    void patchNeedsAnEnabledFlag() throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("PATCH", "/protocols/pop3", "{}");
        assertEquals(400, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void unknownProtocolIsNotFound() throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("PATCH", "/protocols/nntp", "{\"enabled\":true}");
        assertEquals(404, r.statusCode());
        assertTrue(ServerUnderTest.json(r).getString("detail").contains("nntp"));
    }
}
