package org.libertymail.adapter.imap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

import org.libertymail.adapter.api.MessageSummary;

/**
 * The messages of a selected folder in sequence-number order, packed in arrays: about 36 bytes
 * a message, where a list of {@link MessageSummary} costs about 200 (the record, its Instant and
 * its flag set). Every session keeps one for the folder it has selected, so a 10,000-message
 * INBOX costs each session 360 KB rather than 2 MB. Distinct flag sets are few; each is held
 * once per table and messages refer to it by number.
 */
final class MessageTable {
    private long[] uids;
    private long[] modseqs;
    private long[] sizes;
    private long[] dates;
    private int[] flags;
    private int count;
    private static final long[] NO_LONGS = {};
    private static final int[] NO_INTS = {};

    /** Made with the first message (an idle session often watches an empty folder). */
    private List<Set<String>> flagSets;
    /** Made once there are more distinct flag sets than a look through the list finds quickly. */
    private Map<Set<String>, Integer> flagSetIds;

    MessageTable(List<MessageSummary> messages) {
        int capacity = messages.size();
        uids = capacity == 0 ? NO_LONGS : new long[capacity];
        modseqs = capacity == 0 ? NO_LONGS : new long[capacity];
        sizes = capacity == 0 ? NO_LONGS : new long[capacity];
        dates = capacity == 0 ? NO_LONGS : new long[capacity];
        flags = capacity == 0 ? NO_INTS : new int[capacity];
        messages.forEach(this::add);
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    long uid(int index) {
        return uids[index];
    }

    long modseq(int index) {
        return modseqs[index];
    }

    Set<String> flags(int index) {
        return flagSets.get(flags[index]);
    }

    MessageSummary get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        return new MessageSummary(uids[index], flagSets.get(flags[index]), sizes[index], Instant.ofEpochMilli(dates[index]),
                modseqs[index]);
    }

    void add(MessageSummary m) {
        if (count == uids.length) {
            int capacity = count + (count >> 1) + 1;
            uids = Arrays.copyOf(uids, capacity);
            modseqs = Arrays.copyOf(modseqs, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            dates = Arrays.copyOf(dates, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        set(count++, m);
    }

    void set(int index, MessageSummary m) {
        uids[index] = m.uid();
        modseqs[index] = m.modseq();
        sizes[index] = m.size();
        dates[index] = m.internalDate().toEpochMilli();
        flags[index] = flagSetId(m.flags());
    }

    /**
     * Removes every message whose UID matches, in one pass.
     *
     * @return the removed messages' indexes as they were, ascending
     */
    List<Integer> removeIf(LongPredicate uidMatches) {
        List<Integer> removed = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (uidMatches.test(uids[i])) {
                removed.add(i);
                continue;
            }
            if (kept != i) {
                uids[kept] = uids[i];
                modseqs[kept] = modseqs[i];
                sizes[kept] = sizes[i];
                dates[kept] = dates[i];
                flags[kept] = flags[i];
            }
            kept++;
        }
        count = kept;
        return removed;
    }

    private int flagSetId(Set<String> set) {
        if (flagSets == null) {
            flagSets = new ArrayList<>(4);
        }
        if (flagSetIds == null) {
            for (int i = 0; i < flagSets.size(); i++) {
                if (flagSets.get(i).equals(set)) {
                    return i;
                }
            }
        } else {
            Integer id = flagSetIds.get(set);
            if (id != null) {
                return id;
            }
        }
        int id = flagSets.size();
        Set<String> kept = Set.copyOf(set);
        flagSets.add(kept);
        if (flagSetIds == null && flagSets.size() > 16) {
            flagSetIds = new HashMap<>();
            for (int i = 0; i < flagSets.size(); i++) {
                flagSetIds.put(flagSets.get(i), i);
            }
        } else if (flagSetIds != null) {
            flagSetIds.put(kept, id);
        }
        return id;
    }
}
