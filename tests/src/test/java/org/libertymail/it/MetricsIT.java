package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The listeners' traffic in Prometheus text at /metrics, per protocol and endpoint, without login. */
class MetricsIT {
    private static final String DOMAIN = "metrics.it.test";
    private static final String USER = "mia@" + DOMAIN;
    private static final String PASSWORD = "metrics secret 1";
    /** The default receive connector for mail from outside (port 25 in production). */
    private static final String SMTP_ENDPOINT = "endpoint=\"smtp\"";

    @BeforeAll
    static void mailbox() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, PASSWORD);
    }

    /** The value of one series, or -1 when /metrics has none such. */
    private static double value(String metrics, String name, String... labels) {
        for (String line : metrics.lines().toList()) {
            if (line.startsWith(name + "{") && List.of(labels).stream().allMatch(line::contains)) {
                Matcher m = Pattern.compile("} ([0-9.E+-]+)$").matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        return -1;
    }

    private static String metrics() throws Exception {
        HttpResponse<String> r = ServerUnderTest.send("GET", "/metrics?scope=application", null, null, null);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Waits until the series reaches at least {@code least} (series appear within seconds). */
    private static String await(String name, double least, String... labels) throws Exception {
        String m = metrics();
        for (int i = 0; i < 40 && value(m, name, labels) < least; i++) {
            Thread.sleep(500);
            m = metrics();
        }
        assertTrue(value(m, name, labels) >= least, name + " " + List.of(labels) + " reached " + least + ":\n" + m);
        return m;
    }

    @Test
    void deliveriesRejectionsAndFailedLoginsAreCountedPerEndpoint() throws Exception {
        String before = metrics();
        double accepted = Math.max(0, value(before, "mailserver_messages_accepted", "protocol=\"smtp\"", SMTP_ENDPOINT));
        double relayDenied = Math.max(0, value(before, "mailserver_rejections", "protocol=\"smtp\"", SMTP_ENDPOINT, "reason=\"5.7.1\""));
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(USER),
                    "Subject: counted\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
        }
        try (LineClient smtp = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            smtp.smtpReply();
            smtp.write("EHLO metrics.it.test\r\n");
            smtp.smtpReply();
            smtp.command("MAIL FROM:<s@outside.example>");
            assertTrue(smtp.command("RCPT TO:<someone@elsewhere.example>").startsWith("550 5.7.1"), "no open relay");
            smtp.command("QUIT");
        }
        try (LineClient pop = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            pop.line();
            pop.command("USER " + USER);
            assertTrue(pop.command("PASS wrong password").startsWith("-ERR [AUTH]"));
            pop.command("QUIT");
        }
        await("mailserver_messages_accepted", accepted + 1, "protocol=\"smtp\"", SMTP_ENDPOINT);
        await("mailserver_rejections", relayDenied + 1, "protocol=\"smtp\"", SMTP_ENDPOINT, "reason=\"5.7.1\"");
        await("mailserver_auth_failures", 1, "protocol=\"pop3\"", "endpoint=\"pop3\"");
        // a reason seen for the first time gets its series from the next registration round
        String m = await("mailserver_rejections", 1, "protocol=\"pop3\"", "reason=\"-ERR [AUTH]\"");
        assertTrue(value(m, "mailserver_connections", "protocol=\"smtp\"", SMTP_ENDPOINT) >= 2, m);
        assertTrue(value(m, "mailserver_bytes_received", "protocol=\"smtp\"", SMTP_ENDPOINT) > 0, m);
        assertTrue(value(m, "mailserver_bytes_sent", "protocol=\"pop3\"") > 0, m);
        assertTrue(m.contains("# TYPE mailserver_connections_open gauge"), m);
        assertTrue(m.contains("mailserver_verification_failures{"), "the latest verification's failures: " + m);
        for (String state : new String[] {"queued", "inflight", "deferred", "delivered", "failed"}) {
            assertTrue(value(m, "mailserver_queue_recipients", "state=\"" + state + "\"") >= 0, "the outbound queue: " + m);
        }
    }
}
