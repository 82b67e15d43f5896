package org.libertymail.adapter.imap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.support.InMemoryMailStore;
import org.libertymail.adapter.support.RecordingOutput;
import org.libertymail.adapter.support.Sessions;

/**
 * Bad input never escapes as an exception or a dead session: mangled forms of every command the
 * parsers know get a tagged BAD or NO, and the session still answers afterwards.
 */
class ImapGarbageTest {
    private static final String A = "alice@example.com";
    private static final List<String> COMMANDS = List.of(
            "FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE BODY.PEEK[1.2.HEADER.FIELDS (FROM)]<0.10> BINARY.PEEK[1] MODSEQ)",
            "UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)", "SEARCH CHARSET UTF-8 OR (FROM a SUBJECT b) NOT BODY c",
            "UID SEARCH RETURN (MIN MAX COUNT SAVE) MODSEQ \"/flags/\\\\draft\" all 5 SENTSINCE 1-Jan-2020",
            "STORE 1 (UNCHANGEDSINCE 5) +FLAGS.SILENT (\\Seen $Forwarded)", "SELECT INBOX (QRESYNC (1234 2 1:3 (1 1)))",
            "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX \"Work/%\") RETURN (CHILDREN STATUS (MESSAGES SIZE))",
            "STATUS INBOX (MESSAGES UNSEEN HIGHESTMODSEQ)", "GETQUOTAROOT INBOX", "SETQUOTA \"\" (STORAGE 1)",
            "COPY 1:2 Sent", "UID MOVE 1 Trash", "ENABLE QRESYNC IMAP4rev2", "APPEND INBOX (\\Seen) {5+}\r\nhello",
            "CREATE \"a/b\"", "RENAME a b", "IDLE");

    @Test
    void mangledCommandsGetBadOrNoAndTheSessionLivesOn() {
        Random random = new Random(20261202);
        for (int round = 0; round < 2000; round++) {
            InMemoryMailStore store = new InMemoryMailStore().domain("example.com").mailbox(A, "pw");
            store.add(A, "Subject: one\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\na\r\n--x--\r\n");
            store.add(A, "Subject: two\r\n\r\nb\r\n");
            RecordingOutput out = new RecordingOutput();
            ImapSession imap = new ImapSession(Sessions.loopback(Protocol.IMAP), out, store);
            imap.start();
            imap.onFrame(bytes("a LOGIN " + A + " pw"));
            imap.onFrame(bytes("b SELECT INBOX"));
            out.take();
            String command = mangle(COMMANDS.get(random.nextInt(COMMANDS.size())), random);
            imap.onFrame(bytes("t " + command));
            List<String> lines = out.take();
            assertTrue(lines.stream().noneMatch(l -> l.contains("[SERVERBUG]")), "an exception inside: " + command + " -> " + lines);
            if (!command.startsWith("IDLE")) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("t OK") || l.startsWith("t NO") || l.startsWith("t BAD")
                        || l.startsWith("+ ") || l.startsWith("* BYE")), command + " -> " + lines);
            }
            if (!out.closed()) {
                imap.onFrame(bytes("DONE")); // ends an IDLE or an AUTHENTICATE a mangled command began
                out.take();
                imap.onFrame(bytes("z NOOP"));
                List<String> after = out.take();
                assertFalse(after.isEmpty(), "the session answers after " + command);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Cuts, duplicates, swaps or replaces a few characters, or truncates. */
    private static String mangle(String command, Random random) {
        StringBuilder b = new StringBuilder(command);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && b.length() > 1; i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(5)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, "()[]<>{}\" *%$\\0123".charAt(random.nextInt(18)));
                case 2 -> b.setCharAt(at, (char) (33 + random.nextInt(94)));
                case 3 -> b.setLength(at);
                default -> b.insert(at, b.charAt(at));
            }
        }
        return b.toString();
    }
}
