package org.libertymail.adapter.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.libertymail.adapter.support.Sessions.ascii;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.FlagOperation;

class ImapCommandParserTest {
    private final ImapCommandParser parser = new ImapCommandParser();

    @Test
    void loginWithQuotedStringAndLiteral() {
        ImapRequest r = parser.parse(ascii("a1 LOGIN \"al\\\"ice\" {5}\r\np w\"d"));
        assertEquals("a1", r.tag());
        assertEquals(new ImapCommand.Login("al\"ice", "p w\"d"), r.command());
    }

    @Test
    void selectNormalizesInbox() {
        assertEquals(new ImapCommand.Select("INBOX", false), parser.parse(ascii("x SELECT inbox")).command());
        assertEquals(new ImapCommand.Select("Sent", true), parser.parse(ascii("x EXAMINE \"Sent\"")).command());
    }

    @Test
    void uidFetchWithSections() {
        ImapCommand.Fetch f = assertInstanceOf(ImapCommand.Fetch.class,
                parser.parse(ascii("t UID FETCH 1:*,7 (UID FLAGS BODY.PEEK[HEADER.FIELDS (From Subject)] BODY[]<0.100>)")).command());
        assertEquals(true, f.byUid());
        assertEquals(List.of(new SequenceSet.Range(1, SequenceSet.STAR), new SequenceSet.Range(7, 7)), f.set().ranges());
        assertEquals(4, f.items().size());
        assertEquals("BODY[HEADER.FIELDS (FROM SUBJECT)]", f.items().get(2).responseName());
        assertEquals(true, f.items().get(2).peek());
        assertEquals("BODY[]<0>", f.items().get(3).responseName());
        assertEquals(100, f.items().get(3).partialLength());
    }

    @Test
    void fetchMacroFast() {
        ImapCommand.Fetch f = (ImapCommand.Fetch) parser.parse(ascii("t FETCH 2 FAST")).command();
        assertEquals(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE"), f.items().stream().map(FetchItem::responseName).toList());
    }

    @Test
    void storeVariants() {
        assertEquals(new ImapCommand.Store(new SequenceSet(List.of(new SequenceSet.Range(1, 3))), FlagOperation.ADD, true,
                List.of("\\Deleted", "$Junk"), false), parser.parse(ascii("s STORE 1:3 +FLAGS.SILENT (\\Deleted $Junk)")).command());
        ImapCommand.Store s = (ImapCommand.Store) parser.parse(ascii("s UID STORE 5 -FLAGS \\Seen")).command();
        assertEquals(FlagOperation.REMOVE, s.operation());
        assertEquals(true, s.byUid());
    }

    @Test
    void syntaxErrorsAreParseExceptions() {
        assertThrows(ImapParseException.class, () -> parser.parse(ascii("a1 LOGIN onlyuser")));
        assertThrows(ImapParseException.class, () -> parser.parse(ascii("a1 FETCH 0 FLAGS")));
        assertThrows(ImapParseException.class, () -> parser.parse(ascii("a1 STORE 1 FLAGS (\\Bogus)")));
        assertThrows(ImapParseException.class, () -> parser.parse(ascii("a1 NOOP extra")));
        assertThrows(ImapParseException.class, () -> parser.parse(ascii("a1 LOGIN {10}\r\nshort")));
        assertThrows(UnknownCommandException.class, () -> parser.parse(ascii("a1 FROB")));
    }

    @Test
    void tagOfUnparseableInputIsStar() {
        assertEquals("*", ImapCommandParser.tagOf(ascii("")));
        assertEquals("a1", ImapCommandParser.tagOf(ascii("a1 ???")));
    }
}
