package org.libertymail.adapter.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.libertymail.adapter.api.RecipientCheck;
import org.libertymail.adapter.api.RecipientVerdict;

class RecipientCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final RecipientCache cache = new RecipientCache(now::get);

    @Test
    void acceptedAnswerIsServedUntilItExpires() {
        cache.remember("Alice@example.com", RecipientCheck.accepted(RecipientCheck.UNLIMITED, RecipientCheck.UNLIMITED));
        assertEquals(RecipientVerdict.ACCEPTED, cache.lookup("alice@example.com", 10_000_000));
        now.addAndGet(RecipientCache.TTL_NANOS);
        assertNull(cache.lookup("alice@example.com", -1));
    }

    @Test
    void refusalsAreNeverKeptAndForgetAnEarlierAcceptance() {
        cache.remember("bob@example.com", RecipientCheck.accepted(5, 5000));
        cache.remember("bob@example.com", RecipientCheck.refused(RecipientVerdict.OVER_QUOTA));
        assertNull(cache.lookup("bob@example.com", -1));
        cache.remember("nobody@example.com", RecipientCheck.refused(RecipientVerdict.UNKNOWN_MAILBOX));
        assertNull(cache.lookup("nobody@example.com", -1));
    }

    @Test
    void deliveriesUseUpTheRoomSoAFillingMailboxIsAskedAgain() {
        cache.remember("carol@example.com", RecipientCheck.accepted(2, 1000));
        assertNull(cache.lookup("carol@example.com", 1001), "a declared SIZE beyond the room goes to the store");
        cache.delivered(List.of("carol@example.com"), 400);
        assertEquals(RecipientVerdict.ACCEPTED, cache.lookup("carol@example.com", 600));
        assertNull(cache.lookup("carol@example.com", 601));
        cache.delivered(List.of("carol@example.com"), 100);
        assertNull(cache.lookup("carol@example.com", -1), "no message left");
    }

    @Test
    void clearForgetsEverything() {
        cache.remember("dave@example.com", RecipientCheck.accepted(RecipientCheck.UNLIMITED, RecipientCheck.UNLIMITED));
        cache.clear();
        assertNull(cache.lookup("dave@example.com", -1));
    }
}
