package org.libertymail.adapter.protocol.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.Lockout;
import org.libertymail.adapter.api.LoginResult;

class AuthThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AuthThrottle throttle = new AuthThrottle(new AbuseSettings(10, 10, 3, 5, 60, 500, 1200), now::get);

    @Test
    void tarpitGrowsWithEachFailureUpToItsMaximum() {
        assertEquals(500, throttle.failed("alice@example.com", "192.0.2.1"));
        assertEquals(1000, throttle.failed("alice@example.com", "192.0.2.1"));
        assertEquals(1200, throttle.failed("alice@example.com", "192.0.2.1"));
    }

    @Test
    void accountIsLockedFromEverywhereAfterItsLimitUntilTheLockoutEnds() {
        for (int i = 0; i < 3; i++) {
            assertFalse(throttle.locked("Alice@Example.com", "192.0.2." + i));
            throttle.failed("alice@example.com", "192.0.2." + i);
        }
        assertTrue(throttle.locked("ALICE@example.com", "198.51.100.9"), "the account, from any address, in any case");
        assertFalse(throttle.locked("bob@example.com", "192.0.2.1"));
        List<Lockout> lockouts = throttle.lockouts();
        assertEquals(List.of(new Lockout("account", "alice@example.com", 3, 1_060_000)), lockouts);
        now.addAndGet(60_001);
        assertFalse(throttle.locked("alice@example.com", "192.0.2.1"));
    }

    @Test
    void sourceIsLockedForAllAccountsAfterItsLimit() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("guess" + i + "@example.com", "203.0.113.5");
        }
        assertTrue(throttle.locked("carol@example.com", "203.0.113.5"));
        assertFalse(throttle.locked("carol@example.com", "203.0.113.6"));
        assertTrue(throttle.unlock("ip", "203.0.113.5"));
        assertFalse(throttle.locked("carol@example.com", "203.0.113.5"));
        assertFalse(throttle.unlock("ip", "203.0.113.5"), "nothing left to lift");
    }

    @Test
    void successClearsTheAccountAndOldFailuresAreForgotten() {
        throttle.failed("dave@example.com", "192.0.2.1");
        throttle.failed("dave@example.com", "192.0.2.1");
        throttle.succeeded("dave@example.com");
        assertEquals(500, throttle.failed("dave@example.com", "192.0.2.2"), "counting starts again after a success");
        now.addAndGet(61_000);
        assertEquals(500, throttle.failed("dave@example.com", "192.0.2.3"), "failures older than the lockout period");
    }

    @Test
    void authenticatorRefusesLockedLoginsWithoutCheckingThePassword() {
        AtomicLong checks = new AtomicLong();
        Authenticator authenticator = new Authenticator(throttle, (user, password) -> {
            checks.incrementAndGet();
            return password.equals("right") ? LoginResult.ok(user) : LoginResult.refused(LoginResult.Refusal.CREDENTIALS);
        });
        for (int i = 0; i < 3; i++) {
            assertFalse(authenticator.authenticate("erin@example.com", "wrong", "192.0.2.1").succeeded());
        }
        Authenticator.Result locked = authenticator.authenticate("erin@example.com", "right", "192.0.2.1");
        assertTrue(locked.locked());
        assertEquals(3, checks.get());
        assertEquals("frank@example.com", authenticator.authenticate("frank@example.com", "right", "192.0.2.1").account());
    }
}
