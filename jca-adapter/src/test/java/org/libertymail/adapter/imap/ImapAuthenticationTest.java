package org.libertymail.adapter.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.libertymail.adapter.support.Sessions.ascii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.support.InMemoryMailStore;
import org.libertymail.adapter.support.RecordingOutput;
import org.libertymail.adapter.support.Sessions;

/** STARTTLS, LOGINDISABLED and AUTHENTICATE with SASL-IR, from a non-loopback client. */
class ImapAuthenticationTest {
    private static final String A = "alice@example.com";
    private InMemoryMailStore store;
    private RecordingOutput out;
    private ImapSession imap;

    @BeforeEach
    void connect() {
        store = new InMemoryMailStore().domain("example.com").mailbox(A, "pw secret");
        out = new RecordingOutput();
        imap = new ImapSession(Sessions.remote(), out, store);
        imap.start();
        out.take();
    }

    private String send(String line) {
        imap.onFrame(ascii(line));
        return out.last();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void beforeTlsLoginIsDisabledAndStartTlsIsOffered() {
        assertEquals("* CAPABILITY " + Sessions.IMAP_CAPABILITIES + " STARTTLS LOGINDISABLED", sendAll("a CAPABILITY")[0]);
        assertEquals("b NO [PRIVACYREQUIRED] Authentication is disallowed on insecure connections; use STARTTLS",
                send("b AUTHENTICATE PLAIN " + b64("\0" + A + "\0pw secret")));
    }

    private String[] sendAll(String line) {
        imap.onFrame(ascii(line));
        return out.take().toArray(String[]::new);
    }

    @Test
    void startTlsThenAuthenticateWithInitialResponse() {
        assertEquals("a OK Begin TLS negotiation now", send("a STARTTLS"));
        assertEquals(1, out.tlsStarts);
        assertEquals("* CAPABILITY " + Sessions.IMAP_CAPABILITIES + " SASL-IR AUTH=PLAIN AUTH=LOGIN", sendAll("b CAPABILITY")[0]);
        assertEquals("c BAD TLS already active", send("c STARTTLS"));
        String reply = send("d AUTHENTICATE PLAIN " + b64("\0" + A + "\0pw secret"));
        assertTrue(reply.startsWith("d OK [CAPABILITY " + Sessions.IMAP_CAPABILITIES + "] AUTHENTICATE completed"), reply);
        assertTrue(send("e SELECT INBOX").startsWith("e OK [READ-WRITE]"));
    }

    @Test
    void anAccountWithoutRoomForAnotherSessionIsRefused() {
        send("a STARTTLS");
        out.userHasRoom = false;
        assertEquals("b NO [UNAVAILABLE] Too many sessions for this account, try again later", send("b LOGIN " + A + " \"pw secret\""));
        out.userHasRoom = true;
        assertTrue(send("c LOGIN " + A + " \"pw secret\"").startsWith("c OK"));
    }

    @Test
    void theProtocolLogNeverSeesPasswords() {
        assertEquals("a LOGIN ****", imap.forLog(ascii("a LOGIN " + A + " \"pw secret\"")));
        assertEquals("b AUTHENTICATE PLAIN ****", imap.forLog(ascii("b AUTHENTICATE PLAIN " + b64("\0" + A + "\0pw secret"))));
        send("a STARTTLS");
        send("c AUTHENTICATE LOGIN");
        assertEquals("****", imap.forLog(ascii(b64(A))));
        send(b64(A));
        send(b64("pw secret"));
        assertEquals("d NOOP", imap.forLog(ascii("d NOOP")), "after the exchange, lines are logged again");
    }

    @Test
    void authenticateLoginRunsOnContinuations() {
        send("a STARTTLS");
        assertEquals("+ " + b64("Username:"), send("b AUTHENTICATE LOGIN"));
        assertEquals("+ " + b64("Password:"), send(b64(A)));
        assertEquals("b NO [AUTHENTICATIONFAILED] Invalid credentials", send(b64("wrong")));
        assertEquals("+ ", send("c AUTHENTICATE PLAIN"));
        assertEquals("c BAD AUTHENTICATE cancelled", send("*"));
        assertEquals("d NO [CANNOT] Unsupported authentication mechanism CRAM-MD5", send("d AUTHENTICATE CRAM-MD5"));
    }
}
