package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL stopped the server refuses to take responsibility for mail (SMTP 451, never
 * 250), IMAP and POP3 say NO / -ERR with a clear text, and readiness is DOWN naming the
 * database; when PostgreSQL is back everything works again without a restart. Runs only
 * against PostgreSQL (-Dit.db=postgresql), whose local cluster it stops and starts.
 */
class DatabaseOutageIT {
    private static final String DOMAIN = "outage.it.test";
    private static final String USER = "patient@" + DOMAIN;
    private static final String PASSWORD = "outage-secret";

    @Test
    void databaseOutageIsRefusedCleanlyAndRecoveredWithoutRestart() throws Exception {
        assumeTrue("postgresql".equals(System.getProperty("it.db")), "only on PostgreSQL");
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, PASSWORD);
        byte[] message = "Subject: outage\r\n\r\nwaiting\r\n".getBytes(StandardCharsets.US_ASCII);

        cluster("stop");
        try {
            try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
                String reply = smtp.send("s@outside.example", List.of(USER), message);
                assertTrue(reply.startsWith("451 4.3.0 Mail store unavailable"), reply);
            }
            String imap = exchange(ServerUnderTest.HOST, ServerUnderTest.IMAP, "a1 LOGIN " + USER + " " + PASSWORD);
            assertTrue(imap.startsWith("a1 NO [UNAVAILABLE] Mail store unavailable"), imap);
            String pop3 = exchange(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3, "USER " + USER, "PASS " + PASSWORD);
            assertTrue(pop3.startsWith("-ERR [SYS/TEMP] Mail store unavailable"), pop3);
            HttpResponse<String> ready = ServerUnderTest.send("GET", "/health/ready", null, null, null);
            assertEquals(503, ready.statusCode(), ready.body());
            JsonObject data = ServerUnderTest.json(ready).getJsonArray("checks").getJsonObject(0).getJsonObject("data");
            assertEquals("DOWN", data.getString("database"));
            assertFalse(data.getString("database.error").isBlank());
        } finally {
            cluster("start");
        }

        ServerUnderTest.awaitReady();
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            String reply = smtp.send("s@outside.example", List.of(USER), message);
            assertTrue(reply.startsWith("250 "), reply);
        }
        assertEquals(List.of("outage"), ConcurrentDeliveryIT.subjectsInUidOrder(USER, PASSWORD));
    }

    /** Sends the lines after the greeting and returns the reply to the last one. */
    private static String exchange(String host, int port, String... lines) throws Exception {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            String reply = null;
            for (String line : lines) {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                reply = in.readLine();
            }
            return reply;
        }
    }

    /** Stops or starts the machine's PostgreSQL cluster (the one the test server uses). */
    private static void cluster(String action) throws Exception {
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
        }
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pg_ctlcluster " + action);
        assertEquals(0, p.exitValue(), "pg_ctlcluster " + action);
    }
}
