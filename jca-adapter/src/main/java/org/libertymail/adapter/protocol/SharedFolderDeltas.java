package org.libertymail.adapter.protocol;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLongArray;

import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.PublicFolders;

/**
 * "What changed in this folder after modseq n", asked once for all the sessions that ask at the
 * same moment. A delivery wakes every IDLE session of the mailbox; they all know the same
 * modseq, so one store call answers thousands. An answer is only reused until the next change
 * the account is told of ({@link #changed}): each change starts a new epoch of the account, and
 * an answer belongs to the epoch in which it was asked for.
 */
public final class SharedFolderDeltas {
    private static final long TTL_NANOS = 1_000_000_000L;
    private static final int STRIPES = 1024;

    private record Key(String account, String folder, long modseq, long afterUid, long epoch) {
    }

    private record Entry(CompletableFuture<FolderDelta> delta, long expires) {
    }

    private final MailboxAccessListener store;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);

    public SharedFolderDeltas(MailboxAccessListener store) {
        this.store = store;
    }

    /** The account's mail changed: answers asked for before are not given out again. */
    public void changed(String account) {
        epochs.incrementAndGet(stripe(account));
    }

    public FolderDelta since(String account, String folder, long modseq, long afterUid) {
        long now = System.nanoTime();
        // A public folder changes with the public store's epoch, whoever asks about it.
        long epoch = epochs.get(stripe(PublicFolders.watchKey(account, folder)));
        Key key = new Key(account.toLowerCase(Locale.ROOT), folder, modseq, afterUid, epoch);
        CompletableFuture<FolderDelta> mine = new CompletableFuture<>();
        Entry entry = entries.compute(key, (k, e) -> e != null && e.expires() - now > 0 ? e : new Entry(mine, now + TTL_NANOS));
        if (entry.delta() != mine) {
            try {
                return entry.delta().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return store.changesSince(account, folder, modseq, afterUid);
            } catch (ExecutionException e) {
                return store.changesSince(account, folder, modseq, afterUid); // the first asker failed: ask for ourselves
            }
        }
        if (entries.size() > 4096) {
            entries.values().removeIf(e -> e.expires() - now < 0);
        }
        try {
            FolderDelta delta = store.changesSince(account, folder, modseq, afterUid);
            mine.complete(delta);
            return delta;
        } catch (RuntimeException e) {
            entries.remove(key, entry);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static int stripe(String account) {
        return Math.floorMod(account.toLowerCase(Locale.ROOT).hashCode(), STRIPES);
    }
}
