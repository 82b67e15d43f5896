package org.libertymail.adapter.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.libertymail.adapter.support.Sessions.ascii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.abuse.AbuseSettings;
import org.libertymail.adapter.protocol.abuse.AuthThrottle;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.support.InMemoryMailStore;
import org.libertymail.adapter.support.RecordingOutput;
import org.libertymail.adapter.support.Sessions;

/** STLS and SASL AUTH (RFC 2595, RFC 5034) from a non-loopback client. */
class Pop3AuthenticationTest {
    private InMemoryMailStore store;
    private RecordingOutput out;
    private Pop3Session pop;

    @BeforeEach
    void connect() {
        store = new InMemoryMailStore().domain("example.com").mailbox("alice@example.com", "secret pw");
        store.add("alice@example.com", "Subject: one\r\n\r\nOne\r\n");
        out = new RecordingOutput();
        pop = new Pop3Session(Sessions.remote(), out, store);
        pop.start();
        out.take();
    }

    private String send(String line) {
        pop.onFrame(ascii(line));
        return out.last();
    }

    private List<String> sendAll(String line) {
        pop.onFrame(ascii(line));
        return out.take();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void beforeTlsOnlyStlsIsOfferedAndCredentialsAreRefused() {
        List<String> capa = sendAll("CAPA");
        assertTrue(capa.contains("STLS"));
        assertFalse(capa.contains("USER"));
        assertFalse(capa.stream().anyMatch(l -> l.startsWith("SASL")));
        assertEquals("-ERR [AUTH] Plaintext authentication is disallowed on insecure connections; use STLS",
                send("AUTH PLAIN " + b64("\0alice@example.com\0secret pw")));
    }

    @Test
    void stlsThenAuthPlainLogsIn() {
        assertEquals("+OK Begin TLS negotiation", send("STLS"));
        assertEquals(1, out.tlsStarts);
        List<String> capa = sendAll("CAPA");
        assertTrue(capa.contains("USER") && capa.contains("SASL PLAIN LOGIN") && !capa.contains("STLS"), capa.toString());
        assertEquals("-ERR TLS already active", send("STLS"));
        assertEquals("+OK Maildrop has 1 messages (21 octets)", send("AUTH PLAIN " + b64("\0alice@example.com\0secret pw")));
    }

    @Test
    void failuresAreTarpittedAndALockedAccountIsRefusedEvenWithItsPassword() {
        AuthThrottle throttle = new AuthThrottle(new AbuseSettings(10, 10, 2, 10, 60, 300, 1000));
        pop = new Pop3Session(Sessions.loopback(Protocol.POP3), out, store,
                new Authenticator(throttle, (u, p) -> store.authenticate(u, p, Protocol.POP3)));
        send("USER alice@example.com");
        assertEquals("-ERR [AUTH] Invalid user name or password", send("PASS wrong"));
        send("USER alice@example.com");
        assertEquals("-ERR [AUTH] Invalid user name or password", send("PASS wrong again"));
        assertEquals(List.of(300L, 600L), out.holds);
        send("USER alice@example.com");
        assertEquals("-ERR [SYS/TEMP] Too many authentication failures, try again later", send("PASS secret pw"));
    }

    @Test
    void aDisabledMailboxOrProtocolIsRefusedOnlyWithTheRightPassword() {
        pop = new Pop3Session(Sessions.loopback(Protocol.POP3), out, store);
        store.disabled.add("alice@example.com POP3");
        send("USER alice@example.com");
        assertEquals("-ERR [AUTH] Invalid user name or password", send("PASS wrong"));
        send("USER alice@example.com");
        assertEquals("-ERR [SYS/PERM] POP3 access to this mailbox is disabled; contact your administrator",
                send("PASS secret pw"));
        store.disabled.clear();
        store.disabled.add("alice@example.com");
        send("USER alice@example.com");
        assertTrue(send("PASS secret pw").startsWith("-ERR [SYS/PERM]"));
        assertEquals(List.of(0L), out.holds, "only the wrong password was held back");
    }

    @Test
    void anAccountWithoutRoomForAnotherSessionIsRefused() {
        pop = new Pop3Session(Sessions.loopback(Protocol.POP3), out, store);
        out.userHasRoom = false;
        send("USER alice@example.com");
        assertEquals("-ERR [IN-USE] Too many sessions for this account, try again later", send("PASS secret pw"));
        out.userHasRoom = true;
        send("USER alice@example.com");
        assertTrue(send("PASS secret pw").startsWith("+OK Maildrop"));
    }

    @Test
    void theProtocolLogNeverSeesPasswords() {
        assertEquals("PASS ****", pop.forLog(ascii("PASS secret pw")));
        assertEquals("AUTH PLAIN ****", pop.forLog(ascii("AUTH PLAIN " + b64("\0alice@example.com\0secret pw"))));
        send("STLS");
        send("AUTH LOGIN");
        assertEquals("****", pop.forLog(ascii(b64("alice@example.com"))));
    }

    @Test
    void authLoginStepsWrongPasswordAndCancel() {
        send("STLS");
        assertEquals("+ " + b64("Username:"), send("AUTH LOGIN"));
        assertEquals("+ " + b64("Password:"), send(b64("alice@example.com")));
        assertEquals("-ERR [AUTH] Invalid user name or password", send(b64("nope")));
        assertEquals("+ ", send("AUTH PLAIN"));
        assertEquals("-ERR Authentication cancelled", send("*"));
        assertEquals("-ERR Unsupported authentication mechanism", send("AUTH GSSAPI"));
    }
}
