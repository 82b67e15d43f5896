package org.libertymail.adapter.protocol.abuse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.libertymail.adapter.api.Lockout;

/**
 * Authentication failures per account and per source address, across SMTP, POP3 and IMAP:
 * each failure's reply is delayed a little more (a tarpit), and past a limit the account or the
 * address is locked out for a while, even with the right password. A success clears the
 * account's count (not the address's: one right password does not excuse a guessing source).
 * Failures older than the lockout period are forgotten.
 */
public final class AuthThrottle {
    static final int MAX_TRACKED = 100_000;

    private final AbuseSettings settings;
    private final LongSupplier clock;
    private final Map<String, Counter> accounts = new HashMap<>();
    private final Map<String, Counter> sources = new HashMap<>();

    private static final class Counter {
        int failures;
        long lastFailure;
        long lockedUntil;
    }

    public AuthThrottle(AbuseSettings settings) {
        this(settings, System::currentTimeMillis);
    }

    AuthThrottle(AbuseSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a login for {@code user} from {@code source} is refused outright now. */
    public synchronized boolean locked(String user, String source) {
        long now = clock.getAsLong();
        return isLocked(accounts.get(key(user)), now) || isLocked(sources.get(source), now);
    }

    /** Records a failure. @return how long to delay the failure's reply, in milliseconds */
    public synchronized long failed(String user, String source) {
        long now = clock.getAsLong();
        int accountFailures = count(accounts, key(user), settings.maxAuthFailuresPerAccount(), now);
        int sourceFailures = count(sources, source, settings.maxAuthFailuresPerIp(), now);
        long delay = settings.tarpitMillis() * Math.max(accountFailures, sourceFailures);
        return Math.min(delay, settings.maxTarpitMillis());
    }

    public synchronized void succeeded(String user) {
        accounts.remove(key(user));
    }

    /** The lockouts in force now, the latest-ending first. */
    public synchronized List<Lockout> lockouts() {
        long now = clock.getAsLong();
        List<Lockout> all = new ArrayList<>();
        accounts.forEach((k, c) -> {
            if (isLocked(c, now)) {
                all.add(new Lockout("account", k, c.failures, c.lockedUntil));
            }
        });
        sources.forEach((k, c) -> {
            if (isLocked(c, now)) {
                all.add(new Lockout("ip", k, c.failures, c.lockedUntil));
            }
        });
        all.sort(Comparator.comparingLong(Lockout::lockedUntilMillis).reversed());
        return all;
    }

    /** Lifts a lockout and forgets its failures. @return whether there was one */
    public synchronized boolean unlock(String kind, String key) {
        Map<String, Counter> map = switch (kind) {
            case "account" -> accounts;
            case "ip" -> sources;
            default -> throw new IllegalArgumentException("kind must be account or ip");
        };
        Counter c = map.remove(kind.equals("account") ? key(key) : key);
        return c != null && isLocked(c, clock.getAsLong());
    }

    private int count(Map<String, Counter> map, String key, int max, long now) {
        Counter c = map.get(key);
        if (c == null) {
            if (map.size() >= MAX_TRACKED) {
                prune(map, now);
            }
            c = new Counter();
            map.put(key, c);
        } else if (now - c.lastFailure > settings.lockoutSeconds() * 1000 && !isLocked(c, now)) {
            c.failures = 0; // an old run of failures is forgotten
        }
        c.failures++;
        c.lastFailure = now;
        if (c.failures >= max) {
            c.lockedUntil = now + settings.lockoutSeconds() * 1000;
        }
        return c.failures;
    }

    private void prune(Map<String, Counter> map, long now) {
        for (Iterator<Counter> it = map.values().iterator(); it.hasNext();) {
            Counter c = it.next();
            if (!isLocked(c, now) && now - c.lastFailure > settings.lockoutSeconds() * 1000) {
                it.remove();
            }
        }
        if (map.size() >= MAX_TRACKED) {
            map.clear(); // still full of recent failures: a flood; start over rather than grow
        }
    }

    private static boolean isLocked(Counter c, long now) {
        return c != null && c.lockedUntil > now;
    }

    private static String key(String user) {
        return user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    }
}
