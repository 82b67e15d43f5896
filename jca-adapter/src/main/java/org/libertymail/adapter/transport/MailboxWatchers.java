package org.libertymail.adapter.transport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Sessions waiting to hear of changes to an account's mail (IMAP IDLE), shared by every
 * listener of the adapter. A change (a delivery, a flag set, an expunge) wakes each of them;
 * each wake is a task on that session's own worker queue, so nothing here blocks.
 */
final class MailboxWatchers {
    private final Map<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();
    private final List<Consumer<String>> hooks = new CopyOnWriteArrayList<>();

    /** Also tells {@code hook} of every change, before the watchers wake. */
    void onChange(Consumer<String> hook) {
        hooks.add(hook);
    }

    void watch(String account, Runnable wake) {
        watchers.computeIfAbsent(key(account), k -> ConcurrentHashMap.newKeySet()).add(wake);
    }

    /** Removes a watch {@link #watch} added; a handle object per watch would cost every idle session its bytes. */
    void unwatch(String account, Runnable wake) {
        watchers.computeIfPresent(key(account), (k, set) -> {
            set.remove(wake);
            return set.isEmpty() ? null : set;
        });
    }

    void changed(String account) {
        hooks.forEach(h -> h.accept(account));
        Set<Runnable> set = watchers.get(key(account));
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }

    private static String key(String account) {
        return account.toLowerCase(Locale.ROOT);
    }
}
