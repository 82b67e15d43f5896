package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verify configuration over REST: static checks, then probes through the real listeners (SMTP
 * submission and delivery, POP3 and IMAP over every binding and TLS mode), which clean up after
 * themselves; a history of runs.
 */
class VerificationIT {
    @BeforeAll
    static void ready() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain("verify.it.test");
    }

    private static JsonObject run() throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("POST", "/verification", null);
        assertEquals(200, r.statusCode(), r.body());
        return ServerUnderTest.json(r);
    }

    /** Check name to "result: detail". */
    private static Map<String, String> checks(JsonObject report) {
        return report.getJsonArray("checks").getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(
                c -> c.getString("name"), c -> c.getString("result") + ": " + c.getString("detail"), (a, b) -> a + " | " + b));
    }

    private static List<String> named(Map<String, String> checks, String prefix) {
        return checks.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(e -> e.getKey() + " = " + e.getValue())
                .toList();
    }

    @Test
    void everyProtocolIsProbedThroughEveryBindingAndTheProbeCleansUp() throws Exception {
        JsonObject report = run();
        Map<String, String> checks = checks(report);
        String all = String.join("\n", checks.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
        for (String prefix : List.of("SMTP submission", "SMTP delivery", "POP3 retrieval", "IMAP retrieval", "No open relay")) {
            List<String> found = named(checks, prefix);
            assertTrue(!found.isEmpty(), prefix + " probed:\n" + all);
            assertTrue(found.stream().allMatch(c -> c.contains("= Success")), prefix + " works:\n" + all);
        }
        assertTrue(named(checks, "SMTP submission").stream().anyMatch(c -> c.contains("(implicit)"))
                && named(checks, "SMTP submission").stream().anyMatch(c -> c.contains("(starttls)")), all);
        assertTrue(named(checks, "IMAP retrieval").stream().anyMatch(c -> c.contains("(implicit)"))
                && named(checks, "IMAP retrieval").stream().anyMatch(c -> c.contains("(starttls)")), all);
        assertTrue(checks.get("TLS certificate").startsWith("Warning: ") && checks.get("TLS certificate").contains("self-signed"),
                "the test server's certificate is self-signed: " + checks.get("TLS certificate"));
        assertEquals("Warning", report.getString("outcome"), "a self-signed certificate is the worst found:\n" + all);
        assertTrue(report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .allMatch(c -> c.getJsonNumber("latencyMs").longValue() >= 0));

        // the probe mailbox is in the first accepted domain
        JsonObject probe = ServerUnderTest.json(ServerUnderTest.admin("GET", "/mailboxes/libertymail-verify@" + firstDomain(), null));
        assertEquals(0, probe.getJsonObject("usage").getInt("messages"), "the probe's messages are removed: " + probe);

        HttpResponse<String> live = ServerUnderTest.send("GET", "/health/live", null, null, null);
        JsonObject check = ServerUnderTest.json(live).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("verification")).findFirst().orElseThrow();
        assertEquals("UP", check.getString("status"), "no failure in the last run: " + check);
        assertEquals("Warning", check.getJsonObject("data").getString("outcome"), check.toString());

        JsonArray history = (JsonArray) ServerUnderTest.parse(ServerUnderTest.admin("GET", "/verification", null).body());
        assertEquals(report.getJsonNumber("id").longValue(), history.getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(report.getJsonNumber("id").longValue(),
                ServerUnderTest.json(ServerUnderTest.admin("GET", "/verification/latest", null)).getJsonNumber("id").longValue());
    }

    private static String firstDomain() throws Exception {
        JsonArray domains = (JsonArray) ServerUnderTest.parse(ServerUnderTest.admin("GET", "/domains", null).body());
        return domains.getJsonObject(0).getString("name");
    }

    @Test
    void twoRunsAtOnceNeverInterleave() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> ServerUnderTest.admin("POST", "/verification", null));
            var b = pool.submit(() -> ServerUnderTest.admin("POST", "/verification", null));
            List<HttpResponse<String>> answers = List.of(a.get(120, TimeUnit.SECONDS),
                    b.get(120, TimeUnit.SECONDS));
            for (HttpResponse<String> r : answers) {
                assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.body());
                if (r.statusCode() == 200) {
                    assertTrue(checks(ServerUnderTest.json(r)).entrySet().stream().filter(e -> e.getKey().contains("retrieval"))
                            .allMatch(e -> !e.getValue().startsWith("Failure")), "a run's probes see only their own mail: " + r.body());
                }
            }
            assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 200));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSwitchedOffServiceIsSkippedAndAFailedBindingFails() throws Exception {
        assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":false}").statusCode());
        try {
            Map<String, String> checks = checks(run());
            assertTrue(checks.get("IMAP retrieval").startsWith("Skipped"), checks.toString());
            assertTrue(checks.get("IMAP listener").startsWith("Skipped"), checks.toString());
            assertTrue(named(checks, "POP3 retrieval").stream().allMatch(c -> c.contains("= Success")), checks.toString());
        } finally {
            assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap", "{\"enabled\":true}").statusCode());
        }
    }
}
