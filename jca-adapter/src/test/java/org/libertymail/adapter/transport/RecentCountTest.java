package org.libertymail.adapter.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecentCountTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final RecentCount count = new RecentCount(now::get);

    @Test
    void countsEventsOfTheLastHour() {
        count.increment();
        now.addAndGet(30 * 60_000L);
        count.increment();
        count.increment();
        assertEquals(3, count.lastHour());
    }

    @Test
    void forgetsEventsOlderThanAnHour() {
        count.increment();
        now.addAndGet(59 * 60_000L);
        count.increment();
        assertEquals(2, count.lastHour());
        now.addAndGet(60_000L);
        assertEquals(1, count.lastHour(), "the first minute left the window");
    }

    @Test
    void aSlotReusedAnHourLaterStartsAgain() {
        count.increment();
        count.increment();
        now.addAndGet(60 * 60_000L);
        count.increment();
        assertEquals(1, count.lastHour());
    }

    @Test
    void concurrentIncrementsAreAllCounted() throws InterruptedException {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    count.increment();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(40_000, count.lastHour());
    }
}
