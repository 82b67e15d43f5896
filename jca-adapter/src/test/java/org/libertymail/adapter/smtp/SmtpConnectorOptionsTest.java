package org.libertymail.adapter.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.libertymail.adapter.support.Sessions.ascii;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.abuse.MessageRates;
import org.libertymail.adapter.protocol.connector.ConnectorRules;
import org.libertymail.adapter.support.InMemoryMailStore;
import org.libertymail.adapter.support.RecordingOutput;
import org.libertymail.adapter.support.Sessions;

/** What a receive connector's extension switches, hop count and message rate do to a session. */
class SmtpConnectorOptionsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private final InMemoryMailStore store = new InMemoryMailStore().domain("example.com").mailbox("alice@example.com", "pw");
    private final MessageRates rates = new MessageRates();
    private RecordingOutput out;
    private SmtpSession smtp;

    private void connect(int maxHops, int perMinute, List<String> disabled) {
        Endpoint endpoint = ConnectorRules.endpoints(new ReceiveConnector("mx", true, List.of("0.0.0.0:25"), List.of(), null,
                null, List.of(ReceiveConnector.TLS), false, List.of(ReceiveConnector.ANONYMOUS_USERS), 0, 0, 0, 0, 0, false,
                maxHops, perMinute, 0, 3, 0, disabled)).get(0);
        out = new RecordingOutput();
        smtp = new SmtpSession(Sessions.remote(endpoint), out, store, Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.SMTP)), rates,
                new RecipientCache(), CLOCK);
        smtp.start();
        out.take();
    }

    private String send(String line) {
        smtp.onFrame(ascii(line));
        return out.last();
    }

    @Test
    void switchedOffExtensionsAreNeitherOfferedNorAccepted() {
        connect(0, 0, List.of("PIPELINING", "8BITMIME", "SIZE", "ENHANCEDSTATUSCODES", "CHUNKING", "SMTPUTF8", "DSN"));
        smtp.onFrame(ascii("EHLO client.example"));
        assertEquals(List.of("250-mx.test Hello client.example", "250-STARTTLS", "250 HELP"), out.take());
        assertEquals("555 Unsupported parameter SIZE", send("MAIL FROM:<a@outside.example> SIZE=10"));
        assertEquals("501 Bad BODY parameter", send("MAIL FROM:<a@outside.example> BODY=8BITMIME"));
        assertEquals("555 Unsupported parameter SMTPUTF8", send("MAIL FROM:<a@outside.example> SMTPUTF8"));
        assertEquals("555 Unsupported parameter RET", send("MAIL FROM:<a@outside.example> RET=HDRS"));
        assertEquals("250 Ok", send("MAIL FROM:<a@outside.example>"), "no enhanced status codes either");
        send("RCPT TO:<alice@example.com>");
        smtp.onFrame(ascii("BDAT 2 LAST"));
        smtp.onChunk(ascii("hi"), true);
        assertEquals("502 Error: BDAT not available", out.last());
    }

    @Test
    void aMessageWithTooManyReceivedHeadersIsALoop() {
        connect(2, 0, List.of());
        send("EHLO client.example");
        for (int received : new int[] {3, 2}) {
            send("MAIL FROM:<a@outside.example>");
            send("RCPT TO:<alice@example.com>");
            send("DATA");
            for (int i = 0; i < received; i++) {
                smtp.onFrame(ascii("Received: from hop" + i + ".example"));
            }
            smtp.onFrame(ascii("Subject: loop?"));
            smtp.onFrame(ascii(""));
            smtp.onFrame(ascii("Received: in the body does not count"));
            String reply = send(".");
            assertTrue(received == 3 ? reply.equals("554 5.4.6 Hop count exceeded - possible mail loop")
                    : reply.startsWith("250 2.0.0 Ok"), received + ": " + reply);
        }
        assertEquals(1, store.messages("alice@example.com").size());
    }

    @Test
    void failedLogonsAreTarpittedByTheConnectorAndTheLastOneCloses() {
        Endpoint endpoint = ConnectorRules.endpoints(new ReceiveConnector("auth", true, List.of("0.0.0.0:587"), List.of(), null,
                null, List.of(ReceiveConnector.BASIC_AUTH), false, List.of(ReceiveConnector.MAILBOX_USERS), 0, 0, 0, 0, 0, false,
                0, 0, 0, 2, 3000, List.of())).get(0);
        out = new RecordingOutput();
        smtp = new SmtpSession(Sessions.remote(endpoint), out, store, Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.SMTP)), rates,
                new RecipientCache(), CLOCK);
        smtp.start();
        send("EHLO client.example");
        String wrong = java.util.Base64.getEncoder().encodeToString("\0alice@example.com\0nope".getBytes());
        assertEquals("535 5.7.8 Authentication credentials invalid", send("AUTH PLAIN " + wrong));
        assertEquals(List.of(3000L), out.holds, "the connector's tarpit, not the (here zero) server-wide one");
        assertEquals("421 4.7.0 mx.test Too many authentication failures, closing connection", send("AUTH PLAIN " + wrong));
        assertTrue(out.closed());
    }

    @Test
    void aSourceOverItsMessageRateIsDisconnected() {
        connect(0, 2, List.of());
        send("EHLO client.example");
        for (int i = 0; i < 2; i++) {
            assertEquals("250 2.1.0 Ok", send("MAIL FROM:<a@outside.example>"));
            send("RSET");
        }
        assertEquals("421 4.4.2 mx.test Message rate limit for your address exceeded, try again later",
                send("MAIL FROM:<a@outside.example>"));
        assertTrue(out.closed());
    }
}
