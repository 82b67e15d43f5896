package org.libertymail.adapter.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A delivery status notification (RFC 3464, RFC 3462's multipart/report): a human-readable
 * part, the machine-readable message/delivery-status part, and the original message or its
 * header. Written by hand: it is a few fixed lines, and every byte of the returned message must
 * be kept as it was (no MIME library re-encodes it).
 */
public final class DeliveryStatusReport {
    /** What happened to the recipients reported on (RFC 3464 2.3.3's Action). */
    public enum Action {
        FAILED("failed"), DELAYED("delayed"), DELIVERED("delivered");

        final String field;

        Action(String field) {
            this.field = field;
        }
    }

    /**
     * One recipient's fields.
     *
     * @param originalRecipient the ORCPT parameter as the client gave it ("rfc822;" xtext), or null
     * @param remoteMta the server that answered, or null
     * @param diagnostic its reply, or our own explanation, or null
     * @param willRetryUntil for a delay: when the message expires
     */
    public record Recipient(String finalRecipient, String originalRecipient, String status, String remoteMta,
            String diagnostic, Instant lastAttempt, Instant willRetryUntil) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DeliveryStatusReport() {
    }

    /**
     * @param reportingMta this server's name
     * @param to the original message's reverse-path
     * @param original the original message, whole or its header only
     * @param wholeOriginal whether {@code original} is the whole message (message/rfc822) or the
     *        header (text/rfc822-headers)
     */
    public static byte[] build(String reportingMta, String to, Action action, String envid, Instant arrival,
            List<Recipient> recipients, byte[] original, boolean wholeOriginal, Instant now) {
        String boundary = "=_report_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder h = new StringBuilder();
        h.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n");
        h.append("To: <").append(to).append(">\r\n");
        h.append("Subject: ").append(subject(action)).append("\r\n");
        h.append("Date: ").append(DATE.format(now)).append("\r\n");
        h.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(reportingMta).append(">\r\n");
        h.append("Auto-Submitted: auto-replied\r\n"); // RFC 3834: no one answers this automatically
        h.append("MIME-Version: 1.0\r\n");
        h.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary)
                .append("\"\r\n\r\n");
        h.append("This is a MIME-encapsulated message.\r\n\r\n");

        h.append("--").append(boundary).append("\r\n");
        h.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        h.append(humanText(reportingMta, action, recipients));

        h.append("\r\n--").append(boundary).append("\r\n");
        h.append("Content-Type: message/delivery-status\r\n\r\n");
        h.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        if (envid != null) {
            h.append("Original-Envelope-Id: ").append(ascii(envid)).append("\r\n");
        }
        h.append("Arrival-Date: ").append(DATE.format(arrival)).append("\r\n");
        for (Recipient r : recipients) {
            h.append("\r\n");
            if (r.originalRecipient() != null) {
                int semicolon = r.originalRecipient().indexOf(';');
                h.append("Original-Recipient: ").append(r.originalRecipient(), 0, semicolon).append("; ")
                        .append(ascii(r.originalRecipient().substring(semicolon + 1))).append("\r\n");
            }
            h.append("Final-Recipient: rfc822; ").append(ascii(r.finalRecipient())).append("\r\n");
            h.append("Action: ").append(action.field).append("\r\n");
            h.append("Status: ").append(r.status()).append("\r\n");
            if (r.remoteMta() != null) {
                h.append("Remote-MTA: dns; ").append(ascii(r.remoteMta())).append("\r\n");
            }
            if (r.diagnostic() != null) {
                h.append("Diagnostic-Code: smtp; ").append(ascii(r.diagnostic())).append("\r\n");
            }
            if (r.lastAttempt() != null) {
                h.append("Last-Attempt-Date: ").append(DATE.format(r.lastAttempt())).append("\r\n");
            }
            if (r.willRetryUntil() != null) {
                h.append("Will-Retry-Until: ").append(DATE.format(r.willRetryUntil())).append("\r\n");
            }
        }

        h.append("\r\n--").append(boundary).append("\r\n");
        h.append("Content-Type: ").append(wholeOriginal ? "message/rfc822" : "text/rfc822-headers").append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(h.length() + original.length + 64);
        out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(original);
        if (original.length > 0 && original[original.length - 1] != '\n') {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String subject(Action action) {
        return switch (action) {
            case FAILED -> "Undelivered Mail Returned to Sender";
            case DELAYED -> "Delayed Mail (still being retried)";
            case DELIVERED -> "Successful Mail Delivery Report";
        };
    }

    private static String humanText(String mta, Action action, List<Recipient> recipients) {
        StringBuilder t = new StringBuilder("This is the mail system at ").append(mta).append(".\r\n\r\n");
        t.append(switch (action) {
            case FAILED -> "Your message could not be delivered to one or more recipients. It is attached below.\r\n";
            case DELAYED -> "Your message could not be delivered yet to one or more recipients. It will be retried;\r\n"
                    + "you need not send it again.\r\n";
            case DELIVERED -> "Your message was delivered to the recipients below, as you asked to be told.\r\n";
        });
        t.append("\r\n");
        for (Recipient r : recipients) {
            t.append("<").append(ascii(r.finalRecipient())).append(">");
            if (r.diagnostic() != null) {
                t.append(": ").append(ascii(r.diagnostic()));
            }
            t.append("\r\n");
        }
        return t.toString();
    }

    /** Header fields are ASCII: anything else, and line breaks, become '?' (an address may be UTF-8). */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= ' ' && c < 127 ? c : '?');
        }
        return b.toString();
    }
}
