package org.libertymail.adapter.protocol.abuse;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Transactions per source address and minute, per receive connector (Exchange's
 * MessageRateLimit): a sliding window of the last minute's start times.
 */
public final class MessageRates {
    static final long WINDOW_MILLIS = 60_000;
    static final int MAX_TRACKED = 100_000;

    private final LongSupplier clock;
    private final Map<String, ArrayDeque<Long>> starts = new HashMap<>();

    public MessageRates() {
        this(System::currentTimeMillis);
    }

    MessageRates(LongSupplier clock) {
        this.clock = clock;
    }

    /** Counts one transaction. @return false when {@code source} already started {@code limit} in the last minute */
    public synchronized boolean tryStart(String connector, String source, int limit) {
        if (limit <= 0) {
            return true;
        }
        long now = clock.getAsLong();
        if (starts.size() >= MAX_TRACKED) {
            starts.values().removeIf(q -> q.isEmpty() || q.peekLast() <= now - WINDOW_MILLIS);
        }
        ArrayDeque<Long> window = starts.computeIfAbsent(connector + "|" + source, k -> new ArrayDeque<>());
        while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MILLIS) {
            window.pollFirst();
        }
        if (window.size() >= limit) {
            return false;
        }
        window.addLast(now);
        return true;
    }
}
