package org.libertymail.adapter.smtp;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.libertymail.adapter.api.RecipientCheck;
import org.libertymail.adapter.api.RecipientVerdict;

/**
 * Recent "accepted" answers of the store to RCPT TO, shared by all SMTP sessions of the adapter:
 * a busy MX asks the store once every few seconds per mailbox instead of once per message. An
 * entry keeps the room the mailbox had and loses what this server delivers into it, so a
 * mailbox that fills up is refused at RCPT again; refusals are never kept. The store stays the
 * authority: it checks existence and quota again under its locks when the message is stored.
 * Administrative changes (mailbox deleted, quota lowered) clear the cache through the
 * adapter's connection; what other servers sharing the database or IMAP APPEND change is seen
 * within {@link #TTL_NANOS}.
 */
public final class RecipientCache {
    static final long TTL_NANOS = 5_000_000_000L;
    static final int MAX_ENTRIES = 10_000;

    private record Entry(long roomMessages, long roomBytes, long expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RecipientCache() {
        this(System::nanoTime);
    }

    RecipientCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** ACCEPTED when a fresh entry has room for a message of {@code declaredSize} (-1: unknown); else null: ask the store. */
    public RecipientVerdict lookup(String address, long declaredSize) {
        Entry e = entries.get(key(address));
        if (e == null || e.expires() - nanoTime.getAsLong() <= 0) {
            return null;
        }
        return e.roomMessages() >= 1 && e.roomBytes() >= Math.max(declaredSize, 1) ? RecipientVerdict.ACCEPTED : null;
    }

    /** Keeps an accepted answer of the store; forgets the address on any other. */
    public void remember(String address, RecipientCheck check) {
        if (check.verdict() != RecipientVerdict.ACCEPTED) {
            entries.remove(key(address));
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // bounded: a dictionary attack on RCPT cannot grow it
        }
        entries.put(key(address), new Entry(check.roomMessages(), check.roomBytes(), nanoTime.getAsLong() + TTL_NANOS));
    }

    /** A message of {@code size} bytes was stored for {@code recipients}: less room left. */
    public void delivered(Collection<String> recipients, long size) {
        for (String r : recipients) {
            entries.computeIfPresent(key(r), (k, e) -> new Entry(minus(e.roomMessages(), 1), minus(e.roomBytes(), size),
                    e.expires()));
        }
    }

    public void forget(String address) {
        entries.remove(key(address));
    }

    public void clear() {
        entries.clear();
    }

    private static long minus(long room, long used) {
        return room == RecipientCheck.UNLIMITED ? room : room - used;
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
