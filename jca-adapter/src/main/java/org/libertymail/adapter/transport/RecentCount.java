package org.libertymail.adapter.transport;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Events of the last hour, counted in one-minute slots without locks. Each slot holds the
 * minute it counts (high 32 bits) and its count (low 32 bits) in one long, so that a slot
 * reused for a later minute restarts atomically and no racing increment is lost.
 */
final class RecentCount {
    static final int MINUTES = 60;
    private static final long COUNT_MASK = 0xFFFF_FFFFL;
    private final AtomicLongArray slots = new AtomicLongArray(MINUTES);
    private final LongSupplier clockMillis;

    RecentCount(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    void increment() {
        long minute = clockMillis.getAsLong() / 60_000;
        int slot = (int) (minute % MINUTES);
        slots.getAndUpdate(slot, packed -> {
            long count = packed & COUNT_MASK;
            if ((packed >>> 32) >= minute) { // this minute (or, if the clock went back, a newer one)
                return count == COUNT_MASK ? packed : packed + 1;
            }
            return (minute << 32) | 1;
        });
    }

    long lastHour() {
        long now = clockMillis.getAsLong() / 60_000;
        long sum = 0;
        for (int slot = 0; slot < MINUTES; slot++) {
            long packed = slots.get(slot);
            if (now - (packed >>> 32) < MINUTES) {
                sum += packed & COUNT_MASK;
            }
        }
        return sum;
    }
}
