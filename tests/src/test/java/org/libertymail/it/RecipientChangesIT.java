package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SMTP listener remembers the store's "accepted" for a few seconds; an administrator's change
 * that turns a recipient into a refused one must still count from the next RCPT on.
 */
class RecipientChangesIT {
    private static final String DOMAIN = "changes.it.test";
    private static final byte[] MESSAGE = "Subject: changes\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    @Test
    void deletedMailboxIsRefusedAtTheNextRcpt() throws Exception {
        String box = "leaving@" + DOMAIN;
        ServerUnderTest.createMailbox(box, "changes-secret");
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(box), MESSAGE).startsWith("250 "));
            HttpResponse<String> deleted = ServerUnderTest.admin("DELETE", "/mailboxes/" + box, null);
            assertEquals(204, deleted.statusCode(), deleted.body());
            assertTrue(smtp.command("MAIL FROM:<s@outside.example>").startsWith("250"));
            String rcpt = smtp.command("RCPT TO:<" + box + ">");
            assertTrue(rcpt.startsWith("550 5.1.1 "), rcpt);
        }
    }

    @Test
    void loweredQuotaIsEnforcedAtTheNextRcpt() throws Exception {
        String box = "shrinking@" + DOMAIN;
        ServerUnderTest.createMailbox(box, "changes-secret");
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(box), MESSAGE).startsWith("250 "));
            HttpResponse<String> patched = ServerUnderTest.admin("PATCH", "/mailboxes/" + box, "{\"quotaMessages\":1}");
            assertEquals(200, patched.statusCode(), patched.body());
            assertTrue(smtp.command("MAIL FROM:<s@outside.example>").startsWith("250"));
            String rcpt = smtp.command("RCPT TO:<" + box + ">");
            assertTrue(rcpt.startsWith("552 5.2.2 "), rcpt);
        }
    }
}
