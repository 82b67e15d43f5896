package org.libertymail.adapter.api;

import java.time.Instant;
import java.util.Set;

/**
 * The per-message facts a session keeps without loading content.
 *
 * @param flags system flags in their IMAP spelling ("\\Seen") and keywords
 */
public record MessageSummary(long uid, Set<String> flags, long size, Instant internalDate) {
    public MessageSummary {
        flags = Set.copyOf(flags);
    }
}
