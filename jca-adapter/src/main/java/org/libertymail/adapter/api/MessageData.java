package org.libertymail.adapter.api;

import java.time.Instant;
import java.util.Set;

/**
 * One message as fetched: its summary fields and, when asked for, its full RFC 5322 content
 * with CRLF line endings.
 */
public record MessageData(long uid, Set<String> flags, long size, Instant internalDate, byte[] content) {
    public MessageData {
        flags = Set.copyOf(flags);
    }

    public MessageSummary summary() {
        return new MessageSummary(uid, flags, size, internalDate);
    }
}
