package org.libertymail.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

class DeliveryStatusReportTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aFailureReportIsAMultipartReportAJakartaMailClientReads() throws Exception {
        byte[] original = "From: ann@local.test\r\nSubject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] report = DeliveryStatusReport.build("mx.local.test", "ann@local.test", DeliveryStatusReport.Action.FAILED, "env-7",
                NOW.minusSeconds(60), List.of(new DeliveryStatusReport.Recipient("bob@remote.test", "rfc822;bob+40remote.test",
                        "5.1.1", "mx.remote.test [192.0.2.1]", "550 5.1.1 No such user", NOW, null)),
                original, true, NOW);
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(report));
        assertEquals("Undelivered Mail Returned to Sender", m.getSubject());
        assertTrue(m.getContentType().startsWith("multipart/report; report-type=delivery-status"), m.getContentType());
        assertEquals("auto-replied", m.getHeader("Auto-Submitted", null));
        MimeMultipart parts = new MimeMultipart(m.getDataHandler().getDataSource());
        assertEquals(3, parts.getCount());
        assertTrue(text(parts.getBodyPart(0)).contains("<bob@remote.test>: 550 5.1.1 No such user"));
        BodyPart status = parts.getBodyPart(1);
        assertTrue(status.isMimeType("message/delivery-status"));
        String fields = new String(status.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        for (String field : List.of("Reporting-MTA: dns; mx.local.test", "Original-Envelope-Id: env-7",
                "Original-Recipient: rfc822; bob+40remote.test", "Final-Recipient: rfc822; bob@remote.test", "Action: failed",
                "Status: 5.1.1", "Remote-MTA: dns; mx.remote.test [192.0.2.1]", "Diagnostic-Code: smtp; 550 5.1.1 No such user")) {
            assertTrue(fields.contains(field + "\r\n"), field + " in " + fields);
        }
        assertTrue(parts.getBodyPart(2).isMimeType("message/rfc822"));
        String returned = new String(parts.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(new String(original, StandardCharsets.US_ASCII), returned);
    }

    @Test
    void aDelayReportCarriesTheHeaderOnlyAndWhenRetriesEnd() throws Exception {
        byte[] report = DeliveryStatusReport.build("mx.local.test", "ann@local.test", DeliveryStatusReport.Action.DELAYED, null,
                NOW, List.of(new DeliveryStatusReport.Recipient("bob@remote.test", null, "4.4.1", null, "Connection refused",
                        NOW, NOW.plusSeconds(86400))), "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false, NOW);
        String text = new String(report, StandardCharsets.US_ASCII);
        assertTrue(text.contains("Action: delayed\r\nStatus: 4.4.1\r\n"), text);
        assertTrue(text.contains("Will-Retry-Until: Thu, 3 Dec 2026 10:00:00 +0000"), text);
        assertTrue(text.contains("Content-Type: text/rfc822-headers"), text);
    }

    private static String text(BodyPart p) throws Exception {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
}
