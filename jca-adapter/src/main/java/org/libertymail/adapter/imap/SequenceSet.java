package org.libertymail.adapter.imap;

import java.util.List;

/**
 * A parsed sequence-set (RFC 3501 section 9). {@link #STAR} stands for "*", the largest
 * number in use, and is resolved against the selected mailbox. A {@link #saved()} set is "$",
 * the result the last SEARCH saved (RFC 5182), resolved by the selected folder.
 */
public record SequenceSet(List<Range> ranges, boolean saved) {
    public static final long STAR = Long.MAX_VALUE;
    public static final SequenceSet SAVED = new SequenceSet(List.of(), true);

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    public SequenceSet(List<Range> ranges) {
        this(ranges, false);
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
