package org.libertymail.adapter.protocol.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    @Test
    void perSourceAndTotalLimitsHoldAndReleaseFreesASlot() {
        ConnectionLimits limits = new ConnectionLimits(3, 2);
        assertTrue(limits.tryAcquire("a"));
        assertTrue(limits.tryAcquire("a"));
        assertFalse(limits.tryAcquire("a"), "third from one source");
        assertTrue(limits.tryAcquire("b"));
        assertFalse(limits.tryAcquire("c"), "over the total");
        limits.release("a");
        assertTrue(limits.tryAcquire("c"));
        assertEquals(3, limits.open());
        limits.release("unknown");
        assertEquals(3, limits.open());
    }
}
