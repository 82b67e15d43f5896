package org.libertymail.adapter.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.libertymail.adapter.support.Sessions.ascii;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.support.InMemoryMailStore;
import org.libertymail.adapter.support.RecordingOutput;
import org.libertymail.adapter.support.Sessions;

class SmtpSessionTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private InMemoryMailStore store;
    private RecordingOutput out;
    private SmtpSession smtp;

    @BeforeEach
    void connect() {
        store = new InMemoryMailStore().domain("example.com").mailbox("alice@example.com", "pw")
                .mailbox("bob@example.com", "pw");
        out = new RecordingOutput();
        smtp = new SmtpSession(Sessions.loopback(new ServerLimits(1000, 4096, 3, 5, false)), out, store, clock);
        smtp.start();
        assertEquals("220 mx.test ESMTP LibertyMail ready", out.last());
    }

    private String send(String line) {
        smtp.onFrame(ascii(line));
        return out.last();
    }

    @Test
    void ehloAdvertisesExtensions() {
        smtp.onFrame(ascii("EHLO client.example"));
        assertEquals(List.of("250-mx.test Hello client.example", "250-PIPELINING", "250-SIZE 1000", "250-8BITMIME",
                "250-SMTPUTF8", "250-DSN", "250-CHUNKING", "250-BINARYMIME", "250-STARTTLS", "250 ENHANCEDSTATUSCODES"), out.take());
    }

    @Test
    void dataIsDotUnstuffedAndStoredWithTraceHeader() {
        send("EHLO client.example");
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<sender@else.example>"));
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<alice@example.com>"));
        assertEquals("354 End data with <CR><LF>.<CR><LF>", send("DATA"));
        smtp.onFrame(ascii("Subject: hi"));
        smtp.onFrame(ascii(""));
        smtp.onFrame(ascii("..leading dot"));
        assertTrue(out.take().isEmpty(), "nothing is answered before the end of data");
        assertTrue(send(".").startsWith("250 2.0.0 Ok: queued as "));
        String stored = new String(store.messages("alice@example.com").get(0).content(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("Received: from client.example ([127.0.0.1])\r\n"
                + "\tby mx.test (LibertyMail) with ESMTP id " + stored.substring(stored.indexOf(" id ") + 4, stored.indexOf(" id ") + 16)
                + "\r\n\tfor <alice@example.com>; Sun, 22 Nov 2026 10:00:00 +0000\r\n"
                + "Subject: hi\r\n\r\n.leading dot\r\n", stored);
    }

    @Test
    void severalRecipientsAreDeliveredInOneCall() {
        send("HELO client");
        send("MAIL FROM:<>");
        send("RCPT TO:<alice@example.com>");
        send("RCPT TO:<BOB@example.com>".replace("BOB", "bob"));
        send("DATA");
        smtp.onFrame(ascii("x"));
        send(".");
        assertEquals(List.of("checkRecipient alice@example.com", "checkRecipient bob@example.com",
                "deliver  [alice@example.com, bob@example.com]"), store.calls);
    }

    @Test
    void aRecipientAcceptedAMomentAgoIsNotAskedAgain() {
        send("HELO client");
        for (int i = 0; i < 2; i++) {
            send("MAIL FROM:<>");
            send("RCPT TO:<alice@example.com>");
            send("DATA");
            smtp.onFrame(ascii("x"));
            send(".");
        }
        assertEquals(List.of("checkRecipient alice@example.com", "deliver  [alice@example.com]",
                "deliver  [alice@example.com]"), store.calls);
    }

    @Test
    void onlyNewRecipientsAndTheEndOfTheMessageNeedAWorker() {
        send("EHLO client");
        assertFalse(smtp.quick(ascii("AUTH PLAIN")));
        assertFalse(smtp.quick(ascii("STARTTLS")));
        assertTrue(smtp.quick(ascii("MAIL FROM:<>")));
        send("MAIL FROM:<>");
        assertFalse(smtp.quick(ascii("RCPT TO:<alice@example.com>")), "RCPT asks the store");
        send("RCPT TO:<alice@example.com>");
        assertTrue(smtp.quick(ascii("DATA")));
        send("DATA");
        assertTrue(smtp.quick(ascii("a line of the message")));
        assertFalse(smtp.quick(ascii(".")), "the end of the message stores it");
        send(".");
        send("MAIL FROM:<>");
        assertTrue(smtp.quick(ascii("RCPT TO:<alice@example.com>")), "accepted a moment ago");
    }

    @Test
    void fullMailboxIsRefusedAtRcptWith522() {
        store.quota("alice@example.com", 100);
        store.add("alice@example.com", "x".repeat(100));
        send("EHLO c");
        send("MAIL FROM:<s@else.example>");
        assertEquals("552 5.2.2 <alice@example.com>: Mailbox full", send("RCPT TO:<alice@example.com>"));
    }

    @Test
    void declaredSizeOverTheQuotaIsRefusedAtRcpt() {
        store.quota("alice@example.com", 100);
        send("EHLO c");
        send("MAIL FROM:<s@else.example> SIZE=500");
        assertEquals("552 5.2.2 <alice@example.com>: Mailbox full", send("RCPT TO:<alice@example.com>"));
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<bob@example.com>"), "the size limit is per mailbox");
    }

    @Test
    void messageThatWouldOverflowTheQuotaIsRefusedAfterData() {
        store.quota("alice@example.com", 200);
        send("EHLO c");
        send("MAIL FROM:<s@else.example>");
        send("RCPT TO:<alice@example.com>");
        send("DATA");
        smtp.onFrame(ascii("y".repeat(300)));
        assertEquals("552 5.2.2 <alice@example.com>: Mailbox full, message not delivered", send("."));
        assertTrue(store.messages("alice@example.com").isEmpty());
    }

    @Test
    void largeMessageIsSpooledAndStoredIntact() {
        smtp = new SmtpSession(Sessions.loopback(new ServerLimits(4 * 1024 * 1024, 4096, 3, 5, false)), out, store, clock);
        send("EHLO c");
        send("MAIL FROM:<s@else.example>");
        send("RCPT TO:<alice@example.com>");
        send("DATA");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) { // about 1.3 MB, past the spool's memory limit
            String line = "line " + i + " " + "z".repeat(60);
            smtp.onFrame(ascii(line));
            expected.append(line).append("\r\n");
        }
        assertTrue(send(".").startsWith("250 2.0.0"));
        String stored = new String(store.messages("alice@example.com").get(0).content(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(stored.startsWith("Received: "));
        assertEquals(expected.toString(), stored.substring(stored.indexOf("line 0 ")));
    }

    @Test
    void unknownLocalUserIsRefusedWith511() {
        send("EHLO c");
        send("MAIL FROM:<a@b.example>");
        assertEquals("550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown",
                send("RCPT TO:<nobody@example.com>"));
    }

    @Test
    void foreignDomainIsRelayDeniedWith571() {
        send("EHLO c");
        send("MAIL FROM:<a@b.example>");
        assertEquals("550 5.7.1 <x@elsewhere.example>: Relay access denied", send("RCPT TO:<x@elsewhere.example>"));
    }

    @Test
    void commandsOutOfOrderAreRefusedWith503() {
        assertEquals("503 5.5.1 Error: send HELO/EHLO first", send("MAIL FROM:<a@b.example>"));
        send("EHLO c");
        assertEquals("503 5.5.1 Error: need MAIL command", send("RCPT TO:<alice@example.com>"));
        assertEquals("503 5.5.1 Error: need MAIL command", send("DATA"));
        send("MAIL FROM:<a@b.example>");
        assertEquals("503 5.5.1 Error: nested MAIL command", send("MAIL FROM:<a@b.example>"));
        assertEquals("554 5.5.1 Error: no valid recipients", send("DATA"));
    }

    @Test
    void syntaxErrorsGet501And500() {
        send("EHLO c");
        assertEquals("501 5.5.4 Syntax: MAIL FROM:<address>", send("MAIL FROM:alice@example.com"));
        assertEquals("500 5.5.2 Syntax error, command unrecognized", send("FOO"));
        assertEquals("501 5.5.4 Syntax: EHLO hostname", send("EHLO"));
        assertEquals("555 5.5.4 Unsupported parameter FOO", send("MAIL FROM:<a@b.example> FOO=1"));
    }

    @Test
    void declaredSizeOverLimitIsRefused() {
        send("EHLO c");
        assertEquals("552 5.3.4 Message size exceeds fixed maximum message size", send("MAIL FROM:<a@b.example> SIZE=1001"));
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<a@b.example> SIZE=999 BODY=8BITMIME"));
    }

    @Test
    void messageOverLimitIsRefusedAfterData() {
        send("EHLO c");
        send("MAIL FROM:<a@b.example>");
        send("RCPT TO:<alice@example.com>");
        send("DATA");
        for (int i = 0; i < 20; i++) {
            smtp.onFrame(ascii("x".repeat(100)));
        }
        assertEquals("552 5.3.4 Message size exceeds fixed maximum message size", send("."));
        assertTrue(store.messages("alice@example.com").isEmpty());
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<a@b.example>"), "the session goes on");
    }

    @Test
    void tooManyRecipientsGet452() {
        send("EHLO c");
        send("MAIL FROM:<a@b.example>");
        store.mailbox("c@example.com", "pw").mailbox("d@example.com", "pw");
        send("RCPT TO:<alice@example.com>");
        send("RCPT TO:<bob@example.com>");
        send("RCPT TO:<c@example.com>");
        assertEquals("452 4.5.3 Error: too many recipients", send("RCPT TO:<d@example.com>"));
    }

    @Test
    void storeFailureIsATemporaryErrorSoTheSenderRetries() {
        store.failure = new IllegalStateException("disk full");
        send("EHLO c");
        send("MAIL FROM:<a@b.example>");
        send("RCPT TO:<alice@example.com>");
        send("DATA");
        assertEquals("451 4.3.0 Error: local error in processing", send("."));
    }

    @Test
    void rsetClearsTheTransaction() {
        send("EHLO c");
        send("MAIL FROM:<a@b.example>");
        assertEquals("250 2.0.0 Ok", send("RSET"));
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<a@b.example>"));
    }

    @Test
    void quitClosesTheConnection() {
        assertEquals("221 2.0.0 mx.test closing connection", send("QUIT"));
        assertTrue(out.closed());
    }

    @Test
    void tooManyErrorsEndTheSession() {
        for (int i = 0; i < 5; i++) {
            send("BOGUS");
        }
        assertEquals("421 4.7.0 mx.test Error: too many errors", send("BOGUS"));
        assertTrue(out.closed());
    }

    @Test
    void overlongCommandLineIsRefused() {
        smtp.onLineTooLong();
        assertEquals("500 5.5.2 Line too long", out.last());
    }
}
