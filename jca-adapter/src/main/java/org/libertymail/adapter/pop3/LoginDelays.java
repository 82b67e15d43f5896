package org.libertymail.adapter.pop3;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * LOGIN-DELAY (RFC 2449 6.8): each account's last POP3 login on this server, so that the next
 * comes no sooner than the settings say.
 */
public final class LoginDelays {
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
}
