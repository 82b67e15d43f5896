package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * Stops and starts the test server, as an administrator restarting Liberty would: every message,
 * the live protocol switches, a receive connector and POP3 settings made over REST are still there. Runs last (failsafe runs the classes in
 * alphabetical order) because it restarts the server the others use.
 */
class RestartIT {
    private static final String DOMAIN = "restart.it.test";
    private static final String USER = "keeper@" + DOMAIN;
    private static final String PASSWORD = "restart-secret";

    @Test
    void messagesAndProtocolSwitchesSurviveARestart() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.adminPassword(); // read from this start's log before the restart rotates it
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            for (int i = 0; i < 3; i++) {
                String reply = smtp.send("s@outside.example", List.of(USER),
                        ("Subject: keep-" + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                assertTrue(reply.startsWith("250 "), reply);
            }
        }
        assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":false}").statusCode());
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(ServerUnderTest.HOST))) {
            port = free.getLocalPort();
        }
        assertEquals(201, ServerUnderTest.admin("POST", "/receive-connectors", "{\"name\":\"kept\",\"bindings\":[\"127.0.0.1:"
                + port + "\"],\"remoteIpRanges\":[\"0.0.0.0/0\"],\"banner\":\"kept ready\",\"authMechanisms\":[\"None\"],"
                + "\"permissionGroups\":[\"AnonymousUsers\"]}").statusCode());
        assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/pop3", "{\"banner\":\"pop3 kept ready\"}").statusCode());

        ServerUnderTest.serverScript("stop");
        ServerUnderTest.serverScript("start");
        ServerUnderTest.awaitReady();

        try {
            JsonObject imap = ServerUnderTest.json(ServerUnderTest.admin("GET", "/protocols/imap", null));
            assertEquals(false, imap.getBoolean("enabled"), "IMAP stays disabled as the admin left it");
            assertThrows(ConnectException.class, () -> new Socket(ServerUnderTest.HOST, ServerUnderTest.IMAP).close());
        } finally {
            assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":true}").statusCode());
        }
        assertEquals(List.of("keep-0", "keep-1", "keep-2"), ConcurrentDeliveryIT.subjectsInUidOrder(USER, PASSWORD));
        try (LineClient smtp = LineClient.plain(ServerUnderTest.HOST, port);
                LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            assertEquals("220 kept ready", smtp.smtpReply(), "a connector created over REST outlasts a restart");
            String greeting = pop.line();
            assertTrue(greeting.startsWith("+OK pop3 kept ready <"), "and so do the POP3 settings (and APOP's timestamp): " + greeting);
        } finally {
            ServerUnderTest.admin("DELETE", "/receive-connectors/kept", null);
            ServerUnderTest.admin("PATCH", "/protocols/pop3", "{\"banner\":null}");
        }
    }
}
