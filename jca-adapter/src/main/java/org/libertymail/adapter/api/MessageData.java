package org.libertymail.adapter.api;

import java.time.Instant;
import java.util.Set;

/**
 * One message as fetched: its summary fields and, as far as the {@link MessageLoad} asked,
 * its stored header and structure and its full RFC 5322 content with CRLF line endings. Each
 * of those may be null: not asked for, a large message's content (read in pieces), or a
 * message stored before structures were kept.
 */
public record MessageData(long uid, Set<String> flags, long size, Instant internalDate, byte[] content, byte[] header,
        MessageStructure structure, long modseq) {
    public MessageData {
        flags = Set.copyOf(flags);
    }

    public MessageData(long uid, Set<String> flags, long size, Instant internalDate, byte[] content) {
        this(uid, flags, size, internalDate, content, null, null, 1);
    }

    public MessageSummary summary() {
        return new MessageSummary(uid, flags, size, internalDate, modseq);
    }
}
