package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.support.FakeDnsServer;
import org.libertymail.adapter.support.FakeSmtpServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;

/**
 * Outbound mail end to end: an authenticated user submits over 587; the queue sends through a
 * send connector to a fake remote server on a loopback port (tests/src/test/liberty/server.env
 * sets the test schedule: retries after 1 s and 2 s, delays told after 5 s, expiry after 20 s).
 */
class OutboundMailIT {
    private static final String DOMAIN = "outbound.it.test";
    private static final String PASSWORD = "outbound-secret";
    private static String ann;
    private final List<FakeSmtpServer> remotes = new ArrayList<>();
    private final List<String> connectors = new ArrayList<>();

    @BeforeAll
    static void mailboxes() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ann = ServerUnderTest.createMailbox("ann", DOMAIN, PASSWORD);
        ServerUnderTest.createMailbox("carol", DOMAIN, PASSWORD);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String c : connectors) {
            ServerUnderTest.admin("DELETE", "/send-connectors/" + c, null);
        }
        for (FakeSmtpServer r : remotes) {
            r.close();
        }
    }

    private FakeSmtpServer remote() throws Exception {
        FakeSmtpServer r = new FakeSmtpServer();
        remotes.add(r);
        return r;
    }

    /** A connector for {@code space} through a smart host; {@code extra} adds JSON members. */
    private void connector(String name, String space, int port, String extra) throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("POST", "/send-connectors", "{\"name\":\"" + name + "\",\"addressSpaces\":[\""
                + space + "\"],\"smartHosts\":[\"127.0.0.1:" + port + "\"],\"tls\":\"None\"" + extra + "}");
        assertEquals(201, r.statusCode(), r.body());
        connectors.add(name);
    }

    /** Submits over 587 (STARTTLS, AUTH PLAIN as ann): @return the reply to the end of DATA, or the first refusal */
    private static String submit(String mailParameters, List<String> rcptLines, String subject) throws Exception {
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SUBMISSION)) {
            c.smtpReply();
            c.ehlo();
            c.command("STARTTLS");
            c.startTls();
            c.ehlo();
            String auth = c.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + ann + "\0" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
            assertTrue(auth.startsWith("235"), auth);
            String r = c.command("MAIL FROM:<" + ann + ">" + mailParameters);
            if (!r.startsWith("250")) {
                return r;
            }
            for (String rcpt : rcptLines) {
                r = c.command("RCPT TO:" + rcpt);
                if (!r.startsWith("250")) {
                    return r;
                }
            }
            c.command("DATA");
            c.write("From: " + ann + "\r\nSubject: " + subject + "\r\n\r\nHello from the outbound test.\r\n.\r\n");
            String end = c.smtpReply();
            c.command("QUIT");
            return end;
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static List<JsonObject> queue(String query) {
        try {
            HttpResponse<String> r = ServerUnderTest.admin("GET", "/queue?limit=1000&" + query, null);
            assertEquals(200, r.statusCode(), r.body());
            return ((JsonArray) ServerUnderTest.parse(r.body())).getValuesAs(JsonObject.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reports in ann's INBOX whose text contains {@code marker}. */
    private static List<String> reports(String marker) {
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(ann, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> found = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                if (m.isMimeType("multipart/report")) {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    m.writeTo(out);
                    String text = out.toString(StandardCharsets.UTF_8);
                    if (text.contains(marker)) {
                        found.add(text);
                    }
                }
            }
            inbox.close(false);
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void mailForAnotherDomainLeavesThroughItsSendConnectorWithItsDsnParametersWhileLocalMailStaysLocal() throws Exception {
        FakeSmtpServer remote = remote();
        connector("it-first", "first.remote.it.test", remote.port(), "");
        String reply = submit(" RET=HDRS ENVID=first+2B1", List.of(
                "<bob@first.remote.it.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@first.remote.it.test",
                "<carol@" + DOMAIN + ">"), "first outbound");
        assertTrue(reply.startsWith("250 2.0.0"), reply);
        await("the remote server to receive it", Duration.ofSeconds(15), () -> !remote.received.isEmpty());
        FakeSmtpServer.Received got = remote.received.get(0);
        assertEquals("<" + ann + "> SIZE=" + got.mailFrom().replaceAll(".*SIZE=([0-9]+).*", "$1") + " BODY=8BITMIME RET=HDRS ENVID=first+2B1",
                got.mailFrom());
        assertEquals(List.of("<bob@first.remote.it.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@first.remote.it.test"), got.rcptTo());
        assertTrue(got.text().contains("Subject: first outbound") && got.text().contains("with ESMTPSA"), got.text());
        assertTrue(remote.commands.stream().noneMatch(c -> c.contains("carol@")), "local mail never leaves: " + remote.commands);
        assertEquals(1, ServerUnderTest.parse(ServerUnderTest.admin("GET", "/mailboxes/carol@" + DOMAIN, null).body())
                .asJsonObject().getJsonObject("usage").getInt("messages"));

        await("the queue to show it delivered", Duration.ofSeconds(10),
                () -> queue("destination=first.remote.it.test").stream().anyMatch(e -> e.getString("state").equals("DELIVERED")));
        JsonObject entry = queue("destination=first.remote.it.test").get(0);
        assertEquals(ann, entry.getString("sender"));
        assertEquals("127.0.0.1 [127.0.0.1]", entry.getString("remoteHost"));
        // NOTIFY=SUCCESS: the sender hears of the delivery.
        await("the success report", Duration.ofSeconds(15), () -> !reports("Final-Recipient: rfc822; bob@first.remote.it.test").isEmpty());
        String report = reports("Final-Recipient: rfc822; bob@first.remote.it.test").get(0);
        assertTrue(report.contains("Action: delivered") && report.contains("Original-Envelope-Id: first+1")
                && report.contains("Content-Type: text/rfc822-headers"), report);
    }

    @Test
    void aTemporaryFailureIsRetriedWithBackoffUntilTheRemoteTakesIt() throws Exception {
        FakeSmtpServer remote = remote();
        remote.refuseFirstConnections = 2;
        connector("it-retry", "retry.remote.it.test", remote.port(), "");
        assertTrue(submit("", List.of("<dan@retry.remote.it.test>"), "retried").startsWith("250"));
        await("a deferral", Duration.ofSeconds(10), () -> queue("destination=retry.remote.it.test&state=deferred").stream()
                .anyMatch(e -> e.getString("lastError", "").contains("421 4.3.2")));
        await("the delivery", Duration.ofSeconds(20), () -> remote.received.size() == 1);
        assertEquals(3, remote.connections.get());
        await("the queue to show it", Duration.ofSeconds(5), () -> queue("destination=retry.remote.it.test").get(0)
                .getString("state").equals("DELIVERED"));
        assertEquals(3, queue("destination=retry.remote.it.test").get(0).getInt("attempts"));
    }

    @Test
    void aPermanentRefusalBouncesTheMessageBackToItsSender() throws Exception {
        FakeSmtpServer remote = remote();
        remote.rcptReply = line -> line.contains("nobody@") ? "550 5.1.1 <nobody@bounce.remote.it.test>: no such user"
                : "250 2.1.5 Ok";
        connector("it-bounce", "bounce.remote.it.test", remote.port(), "");
        assertTrue(submit("", List.of("<nobody@bounce.remote.it.test>", "<somebody@bounce.remote.it.test>"), "bounced one")
                .startsWith("250"));
        await("the bounce", Duration.ofSeconds(15), () -> !reports("Final-Recipient: rfc822; nobody@bounce.remote.it.test").isEmpty());
        String bounce = reports("Final-Recipient: rfc822; nobody@bounce.remote.it.test").get(0);
        for (String part : List.of("Subject: Undelivered Mail Returned to Sender", "Action: failed", "Status: 5.1.1",
                "Diagnostic-Code: smtp; 550 5.1.1 <nobody@bounce.remote.it.test>: no such user",
                "Remote-MTA: dns; 127.0.0.1 [127.0.0.1]", "Content-Type: message/rfc822", "Subject: bounced one",
                "Hello from the outbound test.")) {
            assertTrue(bounce.contains(part), part + " in " + bounce);
        }
        assertFalse(bounce.contains("somebody@"), "the delivered recipient is not reported");
        assertEquals(1, remote.received.size());
        assertEquals("FAILED", queue("search=nobody@bounce").get(0).getString("state"));
    }

    @Test
    void anUnreachableDestinationIsDeferredTheSenderToldOfTheDelayAndTheMessageBouncedWhenItExpires() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        connector("it-down", "down.remote.it.test", closed, "");
        assertTrue(submit("", List.of("<eve@down.remote.it.test>"), "never arrives").startsWith("250"));
        await("the delay notice", Duration.ofSeconds(20), () -> reports("eve@down.remote.it.test").stream()
                .anyMatch(r -> r.contains("Action: delayed")));
        String delay = reports("eve@down.remote.it.test").stream().filter(r -> r.contains("Action: delayed")).findFirst().orElseThrow();
        assertTrue(delay.contains("Will-Retry-Until: ") && delay.contains("Status: 4.4.1"), delay);
        await("the expiry", Duration.ofSeconds(40), () -> reports("eve@down.remote.it.test").stream()
                .anyMatch(r -> r.contains("Action: failed")));
        String failed = reports("eve@down.remote.it.test").stream().filter(r -> r.contains("Action: failed")).findFirst().orElseThrow();
        assertTrue(failed.contains("Status: 4.4.7") && failed.contains("Gave up after"), failed);
        assertEquals(2, reports("eve@down.remote.it.test").size(), "one delay notice, one failure");
    }

    @Test
    void requiredTlsIsUsedOrTheMessageWaitsForAnAdministrator() throws Exception {
        FakeSmtpServer secure = remote();
        secure.tls = libertysCertificate();
        connector("it-tls", "tls.remote.it.test", secure.port(), ",\"tls\":\"Required\"");
        FakeSmtpServer plain = remote();
        connector("it-notls", "notls.remote.it.test", plain.port(), ",\"tls\":\"Required\"");
        FakeSmtpServer offering = remote();
        offering.tls = libertysCertificate();
        connector("it-opportunistic", "opportunistic.remote.it.test", offering.port(), ",\"tls\":\"Opportunistic\"");
        assertTrue(submit("", List.of("<f@tls.remote.it.test>", "<g@notls.remote.it.test>", "<o@opportunistic.remote.it.test>"),
                "tls only").startsWith("250"));
        await("the TLS delivery", Duration.ofSeconds(15), () -> secure.received.size() == 1);
        assertTrue(secure.received.get(0).tls());
        await("the opportunistic delivery", Duration.ofSeconds(15), () -> offering.received.size() == 1);
        assertTrue(offering.received.get(0).tls(), "STARTTLS used when offered");
        await("the plain one to wait", Duration.ofSeconds(15), () -> queue("destination=notls.remote.it.test").stream()
                .anyMatch(e -> e.getString("lastError", "").contains("4.7.5")));
        assertTrue(plain.received.isEmpty());
        long id = queue("destination=notls.remote.it.test").get(0).getJsonNumber("messageId").longValue();
        assertEquals(204, ServerUnderTest.admin("DELETE", "/queue/" + id, null).statusCode());
        assertTrue(queue("destination=notls.remote.it.test").isEmpty());
        assertEquals(404, ServerUnderTest.admin("DELETE", "/queue/" + id, null).statusCode());
    }

    @Test
    void aSuspendedDestinationWaitsThenItsMessagesShareOneConnectionToASmartHostThatWantsAuth() throws Exception {
        FakeSmtpServer remote = remote();
        remote.credentials = "relay-user:relay-secret";
        connector("it-batch", "batch.remote.it.test", remote.port(), ",\"authUser\":\"relay-user\",\"authPassword\":\"relay-secret\"");
        JsonObject shown = ServerUnderTest.json(ServerUnderTest.admin("GET", "/send-connectors/it-batch", null));
        assertEquals("****", shown.getString("authPassword"));
        assertEquals(200, ServerUnderTest.admin("PATCH", "/send-connectors/it-batch", "{\"port\":25}").statusCode(),
                "a change leaves the password as it is");
        assertEquals(204, ServerUnderTest.admin("PUT", "/queue/destinations/batch.remote.it.test/suspended", null).statusCode());
        for (int i = 0; i < 5; i++) {
            assertTrue(submit("", List.of("<h@batch.remote.it.test>"), "batch " + i).startsWith("250"));
        }
        Thread.sleep(1000);
        assertTrue(remote.received.isEmpty());
        assertEquals(5, queue("destination=batch.remote.it.test&state=queued").size());
        assertTrue(ServerUnderTest.admin("GET", "/queue/destinations", null).body().contains("\"suspended\":true"));
        assertEquals(204, ServerUnderTest.admin("DELETE", "/queue/destinations/batch.remote.it.test/suspended", null).statusCode());
        await("all five", Duration.ofSeconds(15), () -> remote.received.size() == 5);
        assertEquals(1, remote.connections.get(), "one connection carried them all");
        assertTrue(remote.received.stream().allMatch(r -> "relay-user".equals(r.auth())));
    }

    @Test
    void anAdministratorBouncesOrRetriesAWaitingMessageAndNotifyNeverMeansNoReport() throws Exception {
        FakeSmtpServer remote = remote();
        remote.refuseFirstConnections = Integer.MAX_VALUE;
        connector("it-admin", "admin.remote.it.test", remote.port(), "");
        assertTrue(submit("", List.of("<quiet@admin.remote.it.test> NOTIFY=NEVER"), "quiet one").startsWith("250"));
        assertTrue(submit("", List.of("<loud@admin.remote.it.test>"), "loud one").startsWith("250"));
        assertTrue(submit("", List.of("<later@admin.remote.it.test>"), "later one").startsWith("250"));
        await("three deferred", Duration.ofSeconds(15), () -> queue("destination=admin.remote.it.test&state=deferred").size() == 3);
        long quiet = messageId("quiet@admin.remote.it.test");
        long loud = messageId("loud@admin.remote.it.test");
        long later = messageId("later@admin.remote.it.test");
        assertEquals(200, ServerUnderTest.admin("POST", "/queue/" + quiet + "/bounce", null).statusCode());
        HttpResponse<String> bounced = ServerUnderTest.admin("POST", "/queue/" + loud + "/bounce", null);
        assertEquals("{\"recipients\":1}", bounced.body());
        await("the report for the loud one", Duration.ofSeconds(15), () -> !reports("loud@admin.remote.it.test").isEmpty());
        assertTrue(reports("loud@admin.remote.it.test").get(0).contains("Status: 5.3.0"));
        assertEquals("FAILED", queue("search=quiet@admin").get(0).getString("state"));
        assertTrue(reports("quiet@admin.remote.it.test").isEmpty(), "NOTIFY=NEVER: no report");

        remote.refuseFirstConnections = 0;
        assertEquals(200, ServerUnderTest.admin("POST", "/queue/" + later + "/retry", null).statusCode());
        await("the retried one", Duration.ofSeconds(15), () -> remote.received.size() == 1);
        assertTrue(remote.received.get(0).text().contains("Subject: later one"));
        assertEquals(404, ServerUnderTest.admin("POST", "/queue/999999999/retry", null).statusCode());
        assertEquals(400, ServerUnderTest.admin("GET", "/queue?state=lost", null).statusCode());
    }

    private static long messageId(String recipient) {
        return queue("search=" + recipient).get(0).getJsonNumber("messageId").longValue();
    }

    @Test
    void concurrentSubmissionsAreEachSentExactlyOnce() throws Exception {
        FakeSmtpServer remote = remote();
        connector("it-many", "many.remote.it.test", remote.port(), "");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> work = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                work.add(() -> submit("", List.of("<m" + (n % 3) + "@many.remote.it.test>"), "concurrent " + n));
            }
            for (Future<String> f : pool.invokeAll(work)) {
                assertTrue(f.get().startsWith("250"), f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        await("all 24", Duration.ofSeconds(30), () -> remote.received.size() >= 24);
        Thread.sleep(1000); // a duplicate would arrive now
        assertEquals(24, remote.received.size());
        assertEquals(24, remote.received.stream().map(r -> r.text().replaceAll("(?s).*Subject: (concurrent [0-9]+).*", "$1"))
                .distinct().count());
    }

    @Test
    void onlyAuthenticatedUsersMaySendElsewhereAndOnlyWhereAConnectorLeads() throws Exception {
        FakeSmtpServer remote = remote();
        connector("it-rules", "rules.remote.it.test", remote.port(), "");
        assertTrue(submit("", List.of("<x@nowhere.example>"), "nowhere").startsWith("550 5.7.1"), "no connector, no route");
        try (SmtpClient mx = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            String r = mx.send("someone@outside.example", List.of("x@rules.remote.it.test"),
                    "Subject: relay\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(r.startsWith("550 5.7.1") && r.contains("Relay access denied"), r);
        }
        HttpResponse<String> bad = ServerUnderTest.admin("POST", "/send-connectors",
                "{\"name\":\"bad\",\"addressSpaces\":[\"not a domain\"]}");
        assertEquals(400, bad.statusCode());
        assertEquals("addressSpaces", ServerUnderTest.json(bad).getString("field"));
        HttpResponse<String> same = ServerUnderTest.admin("POST", "/send-connectors",
                "{\"name\":\"twice\",\"addressSpaces\":[\"rules.remote.it.test\"]}");
        assertEquals(400, same.statusCode(), "the same address space twice is ambiguous");
        HttpResponse<String> tls = ServerUnderTest.admin("POST", "/send-connectors",
                "{\"name\":\"tls\",\"addressSpaces\":[\"x.example\"],\"tls\":\"Sometimes\"}");
        assertEquals("tls", ServerUnderTest.json(tls).getString("field"));
    }

    @Test
    void theQueueSurvivesARestartMidRetryWithNothingLostOrDuplicated() throws Exception {
        FakeSmtpServer remote = remote();
        remote.refuseFirstConnections = Integer.MAX_VALUE;
        connector("it-restart", "restart.remote.it.test", remote.port(), "");
        for (int i = 0; i < 3; i++) {
            assertTrue(submit("", List.of("<r@restart.remote.it.test>"), "survivor " + i).startsWith("250"));
        }
        await("the deferrals", Duration.ofSeconds(15), () -> queue("destination=restart.remote.it.test&state=deferred").size() == 3);
        ServerUnderTest.serverScript("stop");
        remote.refuseFirstConnections = 0;
        ServerUnderTest.serverScript("start");
        ServerUnderTest.awaitReady();
        try {
            await("the three after the restart", Duration.ofSeconds(30), () -> remote.received.size() >= 3);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; queue: " + queue("destination=restart.remote.it.test"), e);
        }
        Thread.sleep(1500); // a duplicate would arrive now
        assertEquals(3, remote.received.size());
        assertEquals(3, remote.received.stream().map(r -> r.text().replaceAll("(?s).*Subject: (survivor [0-9]).*", "$1"))
                .distinct().count());
    }

    @Test
    void mailFromADomainWithADkimKeyLeavesSignedWithIt() throws Exception {
        FakeSmtpServer remote = remote();
        connector("it-dkim", "dkim.remote.it.test", remote.port(), "");
        HttpResponse<String> made = ServerUnderTest.admin("PUT", "/domains/" + DOMAIN + "/dkim", "{\"selector\":\"it2026\"}");
        assertEquals(200, made.statusCode(), made.body());
        JsonObject key = ServerUnderTest.json(made);
        assertEquals("it2026._domainkey." + DOMAIN, key.getString("dnsName"));
        String record = key.getString("dnsRecord");
        assertTrue(record.startsWith("v=DKIM1; k=rsa; p=MII"), record);
        assertFalse(made.body().contains("PRIVATE"), "the private key is never shown");
        try {
            assertTrue(submit("", List.of("<k@dkim.remote.it.test>"), "signed").startsWith("250"));
            await("the signed message", Duration.ofSeconds(15), () -> remote.received.size() == 1);
            String sent = remote.received.get(0).text();
            assertTrue(sent.startsWith("DKIM-Signature: ") && sent.contains("d=" + DOMAIN) && sent.contains("s=it2026"), sent);
            org.apache.james.jdkim.DKIMVerifier verifier = new org.apache.james.jdkim.DKIMVerifier(
                    (method, selector, domain) -> List.of(record));
            assertEquals(1, verifier.verify(new java.io.ByteArrayInputStream(remote.received.get(0).data())).size(),
                    "a receiver holding the published key verifies it");
        } finally {
            assertEquals(204, ServerUnderTest.admin("DELETE", "/domains/" + DOMAIN + "/dkim", null).statusCode());
        }
        assertEquals(404, ServerUnderTest.admin("GET", "/domains/" + DOMAIN + "/dkim", null).statusCode());
        assertTrue(submit("", List.of("<k@dkim.remote.it.test>"), "unsigned").startsWith("250"));
        await("the unsigned message", Duration.ofSeconds(15), () -> remote.received.size() == 2);
        assertFalse(remote.received.get(1).text().contains("DKIM-Signature"));
        assertEquals("selector", ServerUnderTest.json(ServerUnderTest.admin("PUT", "/domains/" + DOMAIN + "/dkim",
                "{\"selector\":\"bad selector!\"}")).getString("field"));
        ServerUnderTest.admin("DELETE", "/domains/" + DOMAIN + "/dkim", null);
    }

    @Test
    void withoutSmartHostsMailGoesToTheDestinationsMxFromTheConfiguredSourceAddress() throws Exception {
        FakeSmtpServer remote = remote();
        try (FakeDnsServer dns = new FakeDnsServer(Integer.getInteger("it.dns.port"))) {
            dns.add(new MXRecord(FakeDnsServer.name("mx.remote.it.test"), DClass.IN, 60, 10, FakeDnsServer.name("in.mx.remote.it.test")),
                    new ARecord(FakeDnsServer.name("in.mx.remote.it.test"), DClass.IN, 60, java.net.InetAddress.getByName("127.0.0.1")));
            HttpResponse<String> r = ServerUnderTest.admin("POST", "/send-connectors", "{\"name\":\"it-direct\",\"addressSpaces\":"
                    + "[\"*.mx.remote.it.test\"],\"port\":" + remote.port() + ",\"sourceIp\":\"127.0.0.2\"}");
            assertEquals(201, r.statusCode(), r.body());
            connectors.add("it-direct");
            assertTrue(submit("", List.of("<m@mx.remote.it.test>"), "direct").startsWith("250"));
            await("the direct delivery", Duration.ofSeconds(15), () -> remote.received.size() == 1);
            assertEquals(List.of("127.0.0.2"), remote.clients, "connected from the connector's source address");
            await("the queue", Duration.ofSeconds(5), () -> queue("destination=mx.remote.it.test").get(0).getString("state")
                    .equals("DELIVERED"));
            assertEquals("in.mx.remote.it.test [127.0.0.1]", queue("destination=mx.remote.it.test").get(0).getString("remoteHost"));

            // A message bigger than the connector allows fails at once, with a report.
            assertEquals(200, ServerUnderTest.admin("PATCH", "/send-connectors/it-direct", "{\"maxMessageSize\":50}").statusCode());
            assertTrue(submit("", List.of("<big@mx.remote.it.test>"), "too big for the connector").startsWith("250"));
            await("the size refusal", Duration.ofSeconds(15), () -> !reports("big@mx.remote.it.test").isEmpty());
            assertTrue(reports("big@mx.remote.it.test").get(0).contains("Status: 5.3.4"));
            assertEquals(1, remote.received.size());
        }
    }

    /** Liberty's own (self-signed) certificate, for a remote server that offers STARTTLS. */
    private static SSLContext libertysCertificate() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ServerUnderTest.KEYSTORE)) {
            keys.load(in, ServerUnderTest.KEYSTORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, ServerUnderTest.KEYSTORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
