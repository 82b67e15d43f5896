package org.libertymail.adapter.transport;

import java.util.HashMap;
import java.util.Map;

/** Logged-in sessions per account of one protocol (Exchange's MaxConnectionsPerUser). */
final class UserSessions {
    private final Map<String, Integer> open = new HashMap<>();

    /** @param limit at most this many at once; 0: no limit */
    synchronized boolean tryAcquire(String account, int limit) {
        int current = open.getOrDefault(account, 0);
        if (limit > 0 && current >= limit) {
            return false;
        }
        open.put(account, current + 1);
        return true;
    }

    synchronized void release(String account) {
        open.computeIfPresent(account, (a, n) -> n <= 1 ? null : n - 1);
    }
}
