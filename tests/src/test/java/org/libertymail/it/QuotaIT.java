package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mailbox quotas: a domain default, a mailbox's own limit, and SMTP's 552 5.2.2. */
class QuotaIT {
    private static final String DOMAIN = "quota.it.test";
    private static final String PASSWORD = "quota-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        HttpResponse<String> r = ServerUnderTest.admin("POST", "/domains",
                "{\"name\":\"" + DOMAIN + "\",\"quotaMessages\":2}");
        assertEquals(201, r.statusCode(), r.body());
    }

    private static byte[] message(int bytes) {
        String head = "Subject: quota\r\n\r\n";
        StringBuilder body = new StringBuilder();
        while (body.length() < bytes) {
            body.append("q".repeat(70)).append("\r\n");
        }
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void domainDefaultLimitsMessageCountAndFullMailboxIsRefusedAtRcpt() throws Exception {
        String box = "counted@" + DOMAIN;
        ServerUnderTest.createMailbox(box, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(box), message(100)).startsWith("250 "));
            assertTrue(smtp.send("s@outside.example", List.of(box), message(100)).startsWith("250 "));
            String refused = smtp.send("s@outside.example", List.of(box), message(100));
            assertTrue(refused.startsWith("552 5.2.2 "), refused);
        }
        JsonObject view = ServerUnderTest.json(ServerUnderTest.admin("GET", "/mailboxes/" + box, null));
        assertEquals(2, view.getJsonObject("quota").getInt("messages"));
        assertEquals(2, view.getJsonObject("usage").getInt("messages"));
        assertEquals(2, view.getJsonArray("folders").getJsonObject(0).getInt("messages"));
    }

    @Test
    void messageThatWouldOverflowIsRefusedAfterDataAndNothingIsStored() throws Exception {
        String box = "sized@" + DOMAIN;
        String other = "roomy@" + DOMAIN;
        ServerUnderTest.createMailbox(box, PASSWORD);
        ServerUnderTest.createMailbox(other, PASSWORD);
        HttpResponse<String> patched = ServerUnderTest.admin("PATCH", "/mailboxes/" + box,
                "{\"quotaBytes\":5000,\"quotaMessages\":100}");
        assertEquals(200, patched.statusCode(), patched.body());
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(box), message(3000)).startsWith("250 "));
            // Announced with SIZE: refused at RCPT.
            assertTrue(smtp.command("MAIL FROM:<s@outside.example> SIZE=4000").startsWith("250"));
            String atRcpt = smtp.command("RCPT TO:<" + box + ">");
            assertTrue(atRcpt.startsWith("552 5.2.2 "), atRcpt);
            smtp.command("RSET");
            // Not announced: refused after DATA, for every recipient of the transaction.
            String afterData = smtp.send("s@outside.example", List.of(other, box), message(3000));
            assertTrue(afterData.startsWith("552 5.2.2 "), afterData);
        }
        JsonObject sized = ServerUnderTest.json(ServerUnderTest.admin("GET", "/mailboxes/" + box, null));
        assertEquals(1, sized.getJsonObject("usage").getInt("messages"));
        assertTrue(sized.getJsonObject("usage").getInt("bytes") > 3000);
        assertEquals(5000, sized.getJsonObject("quota").getInt("bytes"));
        JsonObject roomy = ServerUnderTest.json(ServerUnderTest.admin("GET", "/mailboxes/" + other, null));
        assertEquals(0, roomy.getJsonObject("usage").getInt("messages"), "a refused transaction stores no copy at all");
    }

    @Test
    void negativeQuotaIsABadRequest() throws Exception {
        HttpResponse<String> r = ServerUnderTest.admin("PATCH", "/domains/" + DOMAIN, "{\"quotaBytes\":-1}");
        assertEquals(400, r.statusCode(), r.body());
    }
}
