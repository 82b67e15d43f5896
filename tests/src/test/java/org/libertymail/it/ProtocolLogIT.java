package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protocol logs (Exchange's SmtpReceive / IMAP4 logs): switched on per connector or service,
 * one line per command and reply with session, connector and endpoints, AUTH data and passwords
 * redacted, in rotated files under the server's logs directory and over REST by session.
 */
class ProtocolLogIT {
    private static final String DOMAIN = "logs.it.test";
    private static final String USER = "frida@" + DOMAIN;
    private static final String PASSWORD = "log secret 1234";

    @BeforeAll
    static void mailbox() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, PASSWORD);
    }

    /** The session whose client said {@code marker}, as the REST API shows it. */
    private static List<JsonObject> sessionLog(String protocol, String marker) throws Exception {
        JsonArray all = ServerUnderTest.parse(ServerUnderTest.admin("GET", "/protocols/" + protocol + "/log?limit=5000", null)
                .body()).asJsonArray();
        String session = all.getValuesAs(JsonObject.class).stream().filter(e -> e.getString("data").contains(marker))
                .map(e -> e.getString("session")).findFirst().orElseThrow(() -> new AssertionError(marker + " not in " + all));
        return ServerUnderTest.parse(ServerUnderTest.admin("GET", "/protocols/" + protocol + "/log?session=" + session, null)
                .body()).asJsonArray().getValuesAs(JsonObject.class);
    }

    @Test
    void smtpSubmissionIsLoggedWithItsAuthDataRedacted() throws Exception {
        assertEquals(200, ServerUnderTest.admin("PATCH", "/receive-connectors/submission", "{\"protocolLogging\":true}")
                .statusCode());
        String marker = "log-" + UUID.randomUUID();
        String plain = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SUBMISSION)) {
            c.smtpReply();
            c.write("EHLO " + marker + "\r\n");
            c.smtpReply();
            c.command("STARTTLS");
            c.startTls();
            c.write("EHLO " + marker + "\r\n");
            c.smtpReply();
            assertTrue(c.command("AUTH PLAIN " + plain).startsWith("235"));
            c.command("QUIT");
        } finally {
            ServerUnderTest.admin("PATCH", "/receive-connectors/submission", "{\"protocolLogging\":false}");
        }
        List<JsonObject> log = sessionLog("smtp", marker);
        List<String> lines = log.stream().map(e -> e.getString("event") + " " + e.getString("data")).toList();
        assertEquals("+ connected", lines.get(0), lines.toString());
        assertTrue(lines.contains("< AUTH PLAIN ****") && lines.contains("> 235 2.7.0 Authentication successful")
                && lines.contains("< STARTTLS") && lines.contains("> 220 2.0.0 Ready to start TLS"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains(plain) || l.contains(PASSWORD)), lines.toString());
        // Filters: the text, the connector, the client's address.
        List<JsonObject> marked = ServerUnderTest.parse(ServerUnderTest.admin("GET", "/protocols/smtp/log?limit=5000&connector=submission"
                + "&remote=127.0.0.1&contains=" + marker.toUpperCase(java.util.Locale.ROOT), null).body()).asJsonArray()
                .getValuesAs(JsonObject.class);
        assertEquals(4, marked.size(), "the two EHLO lines and their replies: " + marked);
        assertTrue(marked.stream().allMatch(e -> e.getString("data").contains(marker)), marked.toString());
        assertEquals(0, ServerUnderTest.parse(ServerUnderTest.admin("GET", "/protocols/smtp/log?connector=smtps&contains=" + marker,
                null).body()).asJsonArray().size());
        JsonObject first = log.get(0);
        assertEquals("submission", first.getString("connector"));
        assertEquals("127.0.0.1:" + ServerUnderTest.SUBMISSION, first.getString("local"));
        assertTrue(first.getString("remote").startsWith("127.0.0.1:"));

        Path file = Path.of(System.getProperty("it.server.dir"), "logs", "protocol", "smtp-receive.0.log");
        String text = Files.readString(file);
        assertTrue(text.contains("," + first.getString("session") + ",") && text.contains("AUTH PLAIN ****")
                && !text.contains(plain), text);
    }

    @Test
    void imapLoginIsLoggedWithoutThePasswordWhenTheServiceLogs() throws Exception {
        assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"protocolLogging\":true}").statusCode());
        String marker = "m" + UUID.randomUUID().toString().replace("-", "");
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            c.line();
            assertTrue(c.command(marker + " LOGIN " + USER + " \"" + PASSWORD + "\"").startsWith(marker + " OK"));
            c.command("z LOGOUT");
        } finally {
            ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"protocolLogging\":false}");
        }
        List<String> lines = List.of();
        for (int i = 0; i < 50 && (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("- ")); i++) {
            Thread.sleep(lines.isEmpty() ? 0 : 100); // the disconnect is logged as the server sees it
            lines = sessionLog("imap", marker).stream().map(e -> e.getString("event") + " " + e.getString("data")).toList();
        }
        assertTrue(lines.contains("< " + marker + " LOGIN ****"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains(PASSWORD)), lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("- "), lines.toString());
        assertEquals(400, ServerUnderTest.admin("GET", "/protocols/imap/log?limit=0", null).statusCode());
    }
}
