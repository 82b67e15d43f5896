package org.libertymail.adapter.imap;

import java.util.List;

/**
 * A parsed sequence-set (RFC 3501 section 9). {@link #STAR} stands for "*", the largest
 * number in use, and is resolved against the selected mailbox.
 */
public record SequenceSet(List<Range> ranges) {
    public static final long STAR = Long.MAX_VALUE;

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    /** @param first not above {@code last}; either may be {@link #STAR} */
    public record Range(long first, long last) {
    }

    /** Whether {@code n} is in the set when "*" means {@code largest}. */
    public boolean contains(long n, long largest) {
        for (Range r : ranges) {
            long a = r.first() == STAR ? largest : r.first();
            long b = r.last() == STAR ? largest : r.last();
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }
}
