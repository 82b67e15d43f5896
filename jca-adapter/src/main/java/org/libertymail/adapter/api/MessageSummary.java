package org.libertymail.adapter.api;

import java.time.Instant;
import java.util.Set;

/**
 * The per-message facts a session keeps without loading content.
 *
 * @param flags system flags in their IMAP spelling ("\\Seen") and keywords
 * @param modseq the modification sequence of the message's last change (RFC 7162)
 */
public record MessageSummary(long uid, Set<String> flags, long size, Instant internalDate, long modseq) {
    public MessageSummary {
        flags = Set.copyOf(flags);
    }

    public MessageSummary(long uid, Set<String> flags, long size, Instant internalDate) {
        this(uid, flags, size, internalDate, 1);
    }
}
