package org.libertymail.adapter.pop3;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * RFC 1939 section 8: one POP3 session at a time may hold a maildrop, from login to the end of
 * the session; another that logs in meanwhile gets -ERR [IN-USE] (RFC 2449). Held by this
 * server's POP3 listener for all its connections, with each account's last login for
 * LOGIN-DELAY.
 */
public final class MaildropLocks {
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastLogins = new ConcurrentHashMap<>();

    /**
     * Whether the account's last login was at least {@code delaySeconds} ago; if so, this one
     * counts as its last from now on.
     */
    public boolean mayLogIn(String account, int delaySeconds) {
        long now = System.nanoTime();
        long[] allowed = {1};
        lastLogins.compute(account.toLowerCase(Locale.ROOT), (k, last) -> {
            if (last != null && now - last < TimeUnit.SECONDS.toNanos(delaySeconds)) {
                allowed[0] = 0;
                return last;
            }
            return now;
        });
        if (lastLogins.size() > 100_000) {
            lastLogins.values().removeIf(t -> now - t > TimeUnit.HOURS.toNanos(24));
        }
        return allowed[0] == 1;
    }

    /** @return false when another session holds the maildrop */
    public boolean lock(String account) {
        return held.add(account.toLowerCase(Locale.ROOT));
    }

    public void unlock(String account) {
        held.remove(account.toLowerCase(Locale.ROOT));
    }
}
