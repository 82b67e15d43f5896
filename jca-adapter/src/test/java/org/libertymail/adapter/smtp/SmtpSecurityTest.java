package org.libertymail.adapter.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.libertymail.adapter.support.Sessions.ascii;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.Envelope;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.support.InMemoryMailStore;
import org.libertymail.adapter.support.RecordingOutput;
import org.libertymail.adapter.support.Sessions;

/** STARTTLS, AUTH and the rules of submission and MX bindings, on a non-loopback connection. */
class SmtpSecurityTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final Endpoint SUBMISSION = Endpoint.submission("submission", "0.0.0.0", 587, false);
    private static final Endpoint MX = Endpoint.mx("smtp", "0.0.0.0", 25);

    private InMemoryMailStore store;
    private RecordingOutput out;
    private SmtpSession smtp;

    @BeforeEach
    void setUp() {
        store = new InMemoryMailStore().domain("example.com").mailbox("alice@example.com", "secret pw")
                .mailbox("bob@example.com", "bob secret");
        connect(SUBMISSION);
    }

    private void connect(Endpoint endpoint) {
        out = new RecordingOutput();
        smtp = new SmtpSession(Sessions.remote(endpoint), out, store, CLOCK);
        smtp.start();
        out.take();
    }

    private String send(String line) {
        smtp.onFrame(ascii(line));
        return out.last();
    }

    private List<String> ehlo() {
        smtp.onFrame(ascii("EHLO client.example"));
        return out.take();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void startTlsAndAuthenticate() {
        ehlo();
        assertEquals("220 2.0.0 Ready to start TLS", send("STARTTLS"));
        ehlo();
        assertEquals("235 2.7.0 Authentication successful", send("AUTH PLAIN " + b64("\0alice@example.com\0secret pw")));
    }

    @Test
    void submissionOffersStartTlsButNoAuthBeforeTls() {
        List<String> reply = ehlo();
        assertTrue(reply.contains("250-STARTTLS"));
        assertFalse(reply.stream().anyMatch(l -> l.contains("AUTH")), "AUTH only once the connection is encrypted");
        assertEquals("530 5.7.0 Must issue a STARTTLS command first", send("AUTH PLAIN " + b64("\0alice@example.com\0secret pw")));
    }

    @Test
    void startTlsStartsTheSessionOverAndThenOffersAuth() {
        ehlo();
        assertEquals("220 2.0.0 Ready to start TLS", send("STARTTLS"));
        assertEquals(1, out.tlsStarts);
        assertEquals("503 5.5.1 Error: send HELO/EHLO first", send("MAIL FROM:<alice@example.com>"));
        List<String> reply = ehlo();
        assertTrue(reply.contains("250-AUTH PLAIN LOGIN"), reply.toString());
        assertFalse(reply.contains("250-STARTTLS"), "STARTTLS is not offered twice");
        assertEquals("503 5.5.1 Error: TLS already active", send("STARTTLS"));
    }

    @Test
    void submissionNeedsAuthenticationBeforeMail() {
        ehlo();
        send("STARTTLS");
        ehlo();
        assertEquals("530 5.7.0 Authentication required", send("MAIL FROM:<alice@example.com>"));
    }

    @Test
    void authenticatedUserSendsFromItsOwnAddressToLocalRecipients() {
        startTlsAndAuthenticate();
        assertEquals("553 5.7.1 <bob@example.com>: Sender address rejected: not owned by alice@example.com",
                send("MAIL FROM:<bob@example.com>"));
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<Alice@Example.com> AUTH=<>"));
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<bob@example.com>"));
        assertEquals("550 5.7.1 <carol@elsewhere.example>: No send connector routes mail to this domain",
                send("RCPT TO:<carol@elsewhere.example>"));
        assertEquals("354 End data with <CR><LF>.<CR><LF>", send("DATA"));
        smtp.onFrame(ascii("Subject: hi"));
        smtp.onFrame(ascii(""));
        smtp.onFrame(ascii("hello"));
        assertTrue(send(".").startsWith("250 2.0.0 Ok"));
        assertTrue(new String(store.messages("bob@example.com").get(0).content(), StandardCharsets.ISO_8859_1)
                .contains("with ESMTPSA id"), "RFC 3848 trace: TLS and AUTH");
    }

    @Test
    void aMailboxWithoutSubmissionGets535() {
        store.disabled.add("alice@example.com SMTP");
        ehlo();
        send("STARTTLS");
        ehlo();
        assertEquals("535 5.7.8 This mailbox may not submit mail; contact your administrator",
                send("AUTH PLAIN " + b64("\0alice@example.com\0secret pw")));
    }

    @Test
    void wrongPasswordGets535AndLoginMechanismWorksStepByStep() {
        ehlo();
        send("STARTTLS");
        ehlo();
        assertEquals("535 5.7.8 Authentication credentials invalid", send("AUTH PLAIN " + b64("\0alice@example.com\0wrong")));
        assertEquals("334 " + b64("Username:"), send("AUTH LOGIN"));
        assertEquals("334 " + b64("Password:"), send(b64("alice@example.com")));
        assertEquals("235 2.7.0 Authentication successful", send(b64("secret pw")));
        assertEquals("503 5.5.1 Error: already authenticated", send("AUTH LOGIN"));
    }

    @Test
    void theProtocolLogNeverSeesPasswordsOrMessageContent() {
        ehlo();
        send("STARTTLS");
        ehlo();
        assertEquals("AUTH PLAIN ****", smtp.forLog(ascii("AUTH PLAIN " + b64("\0alice@example.com\0secret pw"))));
        send("AUTH LOGIN");
        assertEquals("****", smtp.forLog(ascii(b64("alice@example.com"))), "a SASL response line");
        send(b64("alice@example.com"));
        send(b64("secret pw"));
        send("MAIL FROM:<alice@example.com>");
        send("RCPT TO:<bob@example.com>");
        send("DATA");
        assertEquals(null, smtp.forLog(ascii("Subject: private")));
    }

    @Test
    void authCanBeCancelledAndBadBase64IsRefused() {
        ehlo();
        send("STARTTLS");
        ehlo();
        assertEquals("334 ", send("AUTH PLAIN"));
        assertEquals("501 5.0.0 Authentication cancelled", send("*"));
        assertEquals("334 ", send("AUTH PLAIN"));
        assertEquals("501 5.5.2 Invalid base64 data", send("!!!"));
        assertEquals("504 5.5.4 Unrecognized authentication type CRAM-MD5", send("AUTH CRAM-MD5"));
    }

    @Test
    void bdatChunksMakeTheMessageAsSentWithoutDotHandling() {
        connect(MX);
        ehlo();
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<someone@elsewhere.example> BODY=BINARYMIME"));
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<alice@example.com>"));
        assertEquals("503 5.5.1 Error: BODY=BINARYMIME needs BDAT", send("DATA"));
        smtp.onFrame(ascii("BDAT 21"));
        smtp.onChunk(ascii("Subject: b\r\n\r\n.\r\n"), false);
        smtp.onChunk(ascii("\0\1"), true);
        assertEquals("250 2.0.0 21 octets received", out.last());
        smtp.onFrame(ascii("BDAT 0 LAST"));
        smtp.onChunk(new byte[0], true);
        assertTrue(out.last().startsWith("250 2.0.0 Ok: queued as "), out.last());
        String stored = new String(store.messages("alice@example.com").get(0).content(), StandardCharsets.ISO_8859_1);
        assertTrue(stored.endsWith("\r\nSubject: b\r\n\r\n.\r\n\0\1"), "octets as sent, after the trace header");
        smtp.onFrame(ascii("BDAT 3 LAST"));
        smtp.onChunk(ascii("abc"), true);
        assertEquals("503 5.5.1 Error: need MAIL command", out.last(), "refused after its chunk was consumed");
    }

    @Test
    void smtpUtf8AllowsUtf8AddressesAndHeaders() {
        connect(MX);
        assertTrue(ehlo().contains("250-SMTPUTF8"));
        byte[] mailFrom = "MAIL FROM:<jos\u00e9@exemple.fr>".getBytes(StandardCharsets.UTF_8);
        smtp.onFrame(mailFrom);
        assertTrue(out.last().startsWith("553 5.6.7 "), "without SMTPUTF8: " + out.last());
        smtp.onFrame("MAIL FROM:<jos\u00e9@exemple.fr> SMTPUTF8".getBytes(StandardCharsets.UTF_8));
        assertEquals("250 2.1.0 Ok", out.last());
        smtp.onFrame("RCPT TO:<\u00fcber@example.com>".getBytes(StandardCharsets.UTF_8));
        assertTrue(out.last().startsWith("550 5.1.1 "), "a UTF-8 address is looked up, and unknown here: " + out.last());
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<alice@example.com>"));
        send("DATA");
        smtp.onFrame("Subject: caf\u00e9".getBytes(StandardCharsets.UTF_8));
        smtp.onFrame(ascii(""));
        assertTrue(send(".").startsWith("250 2.0.0 Ok"));
        String stored = new String(store.messages("alice@example.com").get(0).content(), StandardCharsets.UTF_8);
        assertTrue(stored.contains("with UTF8SMTP id") && stored.contains("Subject: caf\u00e9"), stored);
    }

    @Test
    void mxBindingTakesAnonymousMailForLocalDomainsOnlyAndNoAuth() {
        connect(MX);
        List<String> reply = ehlo();
        assertTrue(reply.contains("250-STARTTLS"));
        assertFalse(reply.stream().anyMatch(l -> l.contains("AUTH")));
        assertEquals("502 5.5.1 Error: authentication not enabled", send("AUTH PLAIN " + b64("\0alice@example.com\0secret pw")));
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<someone@elsewhere.example>"));
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<alice@example.com>"));
        assertEquals("550 5.7.1 <carol@elsewhere.example>: Relay access denied", send("RCPT TO:<carol@elsewhere.example>"));
    }

    @Test
    void startTlsIsNotOfferedWithoutACertificate() {
        out.tlsAvailable = false;
        assertFalse(ehlo().contains("250-STARTTLS"));
        assertEquals("502 5.5.1 Error: STARTTLS not available", send("STARTTLS"));
    }

    @Test
    void anAuthenticatedUserSendsToRoutedDomainsWithDsnParametersAndAnonymousClientsMayNot() {
        store.routeDomain("elsewhere.example");
        startTlsAndAuthenticate();
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<alice@example.com> RET=HDRS ENVID=QQ+2B314"));
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<carol@elsewhere.example> NOTIFY=success,failure ORCPT=rfc822;carol@elsewhere.example"));
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<bob@example.com> NOTIFY=NEVER"));
        assertEquals("501 5.5.4 NOTIFY must be NEVER or any of SUCCESS, FAILURE, DELAY",
                send("RCPT TO:<dave@elsewhere.example> NOTIFY=NEVER,SUCCESS"));
        assertEquals("501 5.5.4 ORCPT must be addr-type;xtext", send("RCPT TO:<dave@elsewhere.example> ORCPT=carol"));
        send("DATA");
        smtp.onFrame(ascii("Subject: out"));
        smtp.onFrame(ascii(""));
        assertTrue(send(".").startsWith("250 2.0.0 Ok"));
        Envelope envelope = store.envelopes().get(0);
        assertEquals("HDRS", envelope.ret());
        assertEquals("QQ+314", envelope.envid());
        assertEquals("alice@example.com", envelope.submitter());
        assertEquals(List.of(new EnvelopeRecipient("carol@elsewhere.example", true, "SUCCESS,FAILURE", "rfc822;carol@elsewhere.example"),
                new EnvelopeRecipient("bob@example.com", false, "NEVER", null)), envelope.recipients());
        assertEquals(1, store.messages("bob@example.com").size(), "the local copy is delivered at once");

        connect(MX);
        send("EHLO client.example");
        send("MAIL FROM:<someone@outside.example>");
        assertEquals("550 5.7.1 <carol@elsewhere.example>: Relay access denied", send("RCPT TO:<carol@elsewhere.example>"));
    }
}
