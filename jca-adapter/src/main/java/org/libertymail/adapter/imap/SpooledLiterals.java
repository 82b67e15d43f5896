package org.libertymail.adapter.imap;

import java.util.HashMap;
import java.util.Map;

import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.protocol.MessageSpool;

/**
 * The literals of one command frame too large to hold in memory (an APPEND of a large message):
 * their octets went to spools as they arrived, and the frame holds only their "{n}" CRLF. Each
 * is found by the offset in the frame where its octets would have begun. The frame's owner
 * discards them once the command is done.
 */
public final class SpooledLiterals {
    private final Map<Integer, MessageSpool> spools = new HashMap<>();

    public void add(int offset, MessageSpool spool) {
        spools.put(offset, spool);
    }

    /** The literal whose octets begin at {@code offset} of the frame, or null when it is in the frame. */
    MessageContent at(int offset) {
        MessageSpool spool = spools.get(offset);
        return spool == null ? null : spool.content(new byte[0]);
    }

    /** Total octets spooled. */
    public long size() {
        long total = 0;
        for (MessageSpool spool : spools.values()) {
            total += spool.size();
        }
        return total;
    }

    /** Frees the memory and deletes the files. */
    public void discard() {
        spools.values().forEach(MessageSpool::discard);
        spools.clear();
    }
}
