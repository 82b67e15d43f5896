package org.libertymail.adapter.protocol.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SaslExchangeTest {
    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainInitialResponseGivesCredentials() {
        SaslStep step = SaslExchange.of("plain").start(b64("\u0000alice@example.com\u0000secret pw"));
        SaslStep.Credentials c = assertInstanceOf(SaslStep.Credentials.class, step);
        assertEquals("", c.authorizationId());
        assertEquals("alice@example.com", c.user());
        assertEquals("secret pw", c.password());
    }

    @Test
    void plainWithoutInitialResponseSendsAnEmptyChallenge() {
        SaslExchange plain = SaslExchange.of("PLAIN");
        assertEquals("", assertInstanceOf(SaslStep.Challenge.class, plain.start(null)).base64());
        assertInstanceOf(SaslStep.Credentials.class, plain.respond(b64("a\u0000b\u0000c")));
    }

    @Test
    void loginAsksForUserThenPassword() {
        SaslExchange login = SaslExchange.of("LOGIN");
        assertEquals(b64("Username:"), assertInstanceOf(SaslStep.Challenge.class, login.start(null)).base64());
        assertEquals(b64("Password:"), assertInstanceOf(SaslStep.Challenge.class, login.respond(b64("bob"))).base64());
        SaslStep.Credentials c = assertInstanceOf(SaslStep.Credentials.class, login.respond(b64("pw")));
        assertEquals("bob", c.user());
        assertEquals("pw", c.password());
    }

    @Test
    void starCancelsAndGarbageIsMalformed() {
        assertInstanceOf(SaslStep.Cancelled.class, SaslExchange.of("LOGIN").respond("*"));
        assertInstanceOf(SaslStep.Malformed.class, SaslExchange.of("PLAIN").respond("%%%not base64"));
        assertInstanceOf(SaslStep.Malformed.class, SaslExchange.of("PLAIN").start(b64("no separators")));
        assertInstanceOf(SaslStep.Malformed.class, SaslExchange.of("PLAIN").start("="));
    }

    @Test
    void unknownMechanismIsNotOffered() {
        assertNull(SaslExchange.of("CRAM-MD5"));
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertEquals("Credentials[user=u]", new SaslStep.Credentials("", "u", "hunter2").toString());
    }
}
