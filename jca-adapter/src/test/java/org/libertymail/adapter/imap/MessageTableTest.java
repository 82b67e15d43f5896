package org.libertymail.adapter.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.libertymail.adapter.api.MessageSummary;

class MessageTableTest {
    private static MessageSummary message(long uid, Set<String> flags) {
        return new MessageSummary(uid, flags, 100 + uid, Instant.ofEpochMilli(1_700_000_000_000L + uid), 10 + uid);
    }

    @Test
    void givesBackEveryFactOfEachMessageInOrder() {
        List<MessageSummary> messages = new ArrayList<>();
        for (long uid = 1; uid <= 1000; uid++) {
            messages.add(message(uid * 3, uid % 2 == 0 ? Set.of("\\Seen") : Set.of("\\Flagged", "$Work")));
        }
        MessageTable table = new MessageTable(List.of());
        messages.forEach(table::add); // grows from empty
        assertEquals(1000, table.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(messages.get(i), table.get(i));
            assertEquals(messages.get(i).uid(), table.uid(i));
            assertEquals(messages.get(i).modseq(), table.modseq(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> table.get(1000));
    }

    @Test
    void messagesWithTheSameFlagsShareOneSet() {
        MessageTable table = new MessageTable(List.of(message(1, Set.of("\\Seen", "\\Answered")),
                message(2, Set.of("\\Answered", "\\Seen")), message(3, Set.of())));
        assertSame(table.flags(0), table.flags(1));
        table.set(2, message(3, Set.of("\\Seen", "\\Answered")));
        assertSame(table.flags(0), table.flags(2));
        assertEquals(Set.of("\\Seen", "\\Answered"), table.get(2).flags());
    }

    @Test
    void removeIfClosesTheGapsAndTellsTheFormerIndexes() {
        List<MessageSummary> messages = new ArrayList<>();
        for (long uid = 1; uid <= 10; uid++) {
            messages.add(message(uid, uid == 4 ? Set.of("\\Deleted") : Set.of()));
        }
        MessageTable table = new MessageTable(messages);
        assertEquals(List.of(0, 3, 9), table.removeIf(uid -> uid == 1 || uid == 4 || uid == 10));
        assertEquals(7, table.size());
        List<Long> left = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            left.add(table.uid(i));
            assertEquals(message(table.uid(i), Set.of()), table.get(i));
        }
        assertEquals(List.of(2L, 3L, 5L, 6L, 7L, 8L, 9L), left);
        table.add(message(11, Set.of()));
        assertEquals(11, table.uid(7));
    }
}
