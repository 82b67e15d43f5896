package org.libertymail.adapter.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.libertymail.adapter.support.Sessions.ascii;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.MailboxOverrides;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.api.Rights;
import org.libertymail.adapter.support.InMemoryMailStore;
import org.libertymail.adapter.support.RecordingOutput;
import org.libertymail.adapter.support.Sessions;

class ImapSessionTest {
    private static final String A = "alice@example.com";
    private static final String MSG1 = "From: x@y.example\r\nSubject: one\r\n\r\nBody one\r\n";
    private InMemoryMailStore store;
    private RecordingOutput out;
    private ImapSession imap;

    @BeforeEach
    void connect() {
        store = new InMemoryMailStore().domain("example.com").mailbox(A, "pw");
        store.add(A, MSG1, "\\Seen");
        store.add(A, "Subject: two\r\n\r\nBody two\r\n");
        store.add(A, "Subject: three\r\n\r\nBody three\r\n");
        out = new RecordingOutput();
        imap = new ImapSession(Sessions.loopback(Protocol.IMAP), out, store);
        imap.start();
        assertEquals("* OK [CAPABILITY " + Sessions.IMAP_CAPABILITIES + " STARTTLS SASL-IR AUTH=PLAIN AUTH=LOGIN] LibertyMail IMAP4rev1 server ready",
                out.last());
    }

    private List<String> send(String command) {
        imap.onFrame(ascii(command));
        return out.take();
    }

    private List<String> sendUtf8(String command) {
        imap.onFrame(command.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out.take();
    }

    private void select() {
        send("a LOGIN " + A + " pw");
        send("b SELECT INBOX");
    }

    @Test
    void commandsNeedTheRightState() {
        assertEquals(List.of("x BAD Log in first"), send("x SELECT INBOX"));
        assertEquals(List.of("a OK [CAPABILITY " + Sessions.IMAP_CAPABILITIES + "] LOGIN completed"), send("a LOGIN " + A + " pw"));
        assertEquals(List.of("y BAD No mailbox selected"), send("y FETCH 1 FLAGS"));
    }

    @Test
    void hiddenFoldersAreNotListedButMayBeSelected() {
        send("a LOGIN " + A + " pw");
        send("b CREATE Legal");
        send("c SUBSCRIBE Legal");
        store.hiddenFolders.add("Legal");
        assertTrue(send("d LIST \"\" *").stream().noneMatch(l -> l.contains("Legal")));
        assertTrue(send("e LSUB \"\" *").stream().noneMatch(l -> l.contains("Legal")));
        assertTrue(send("f LIST \"\" * RETURN (STATUS (MESSAGES))").stream().noneMatch(l -> l.contains("Legal")));
        assertTrue(send("i EXAMINE Legal").stream().anyMatch(l -> l.startsWith("i OK")), "hidden, not forbidden");
    }

    @Test
    void aMailboxThatShowsHiddenFoldersListsThem() {
        store.overrides.put(A, new MailboxOverrides(null, null, true));
        send("a LOGIN " + A + " pw");
        send("b CREATE Legal");
        store.hiddenFolders.add("Legal");
        assertTrue(send("d LIST \"\" *").stream().anyMatch(l -> l.contains("Legal")));
    }

    private static final String BOTH = "Subject: both\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlain words\r\n"
            + "--b1\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>HTML words</p>\r\n--b1--\r\n";

    /** The literal's length and the RFC822.SIZE of a FETCH (RFC822.SIZE BODY[]) response. */
    private long[] sizes(List<String> fetch) {
        String first = fetch.get(0);
        long told = Long.parseLong(first.replaceAll(".*RFC822.SIZE ([0-9]+).*", "$1"));
        long literal = Long.parseLong(first.replaceAll(".*\\{([0-9]+)\\}$", "$1"));
        return new long[] {told, literal};
    }

    @Test
    void aMailboxServedAsTextOnlyGetsConvertedMessagesWithExactSizes() {
        long uid = store.add(A, BOTH);
        store.overrides.put(A, new MailboxOverrides(null, null, null, "TextOnly", true));
        select();
        List<String> fetch = send("c UID FETCH " + uid + " (RFC822.SIZE BODY.PEEK[])");
        long[] sizes = sizes(fetch);
        assertEquals(sizes[1], sizes[0], "exact: RFC822.SIZE is what BODY[] sends " + fetch);
        String body = String.join("\r\n", fetch);
        assertTrue(body.contains("Plain words") && !body.contains("HTML words"), body);
        String structure = String.join("", send("d UID FETCH " + uid + " BODYSTRUCTURE"));
        assertTrue(structure.toLowerCase().contains("(\"text\" \"plain\"") && !structure.toLowerCase().contains("alternative"),
                "the structure is the served message's: " + structure);
        assertTrue(String.join("", send("e UID FETCH " + uid + " BODY.PEEK[1]")).contains("Plain words"));
    }

    @Test
    void withoutExactSizesTheStoredSizeStandsForTheServedOne() {
        long uid = store.add(A, BOTH);
        store.overrides.put(A, new MailboxOverrides(null, null, null, "TextOnly", false));
        select();
        long[] sizes = sizes(send("c UID FETCH " + uid + " (RFC822.SIZE BODY.PEEK[])"));
        assertEquals(BOTH.length(), sizes[0], "Exchange's estimate: the stored size");
        assertTrue(sizes[1] < sizes[0], "while BODY[] is the smaller text-only message");
    }

    @Test
    void wrongPasswordFails() {
        assertEquals(List.of("a NO [AUTHENTICATIONFAILED] Invalid credentials"), send("a LOGIN " + A + " nope"));
    }

    @Test
    void selectReportsTheFolder() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of(
                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Limited",
                "* 3 EXISTS",
                "* 3 RECENT",
                "* OK [UNSEEN 2] First unseen",
                "* OK [UIDVALIDITY 1234] UIDs valid",
                "* OK [UIDNEXT 4] Predicted next UID",
                "* OK [HIGHESTMODSEQ 4] Highest",
                "b OK [READ-WRITE] SELECT completed"), send("b SELECT INBOX"));
        assertEquals("* 0 RECENT", send("c SELECT INBOX").get(3), "the first SELECT took the \\Recent messages");
    }

    @Test
    void missingFolderIsNonexistent() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("b NO [NONEXISTENT] Mailbox does not exist"), send("b SELECT Nope"));
    }

    @Test
    void fetchReturnsAttributesAndBodyLiteral() {
        select();
        List<String> lines = send("c FETCH 1 (UID FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[])");
        assertEquals("* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent) RFC822.SIZE " + MSG1.length()
                + " INTERNALDATE \" 2-Jan-2026 03:04:05 +0000\" BODY[] {" + MSG1.length() + "}", lines.get(0));
        assertEquals(String.join("\r\n", lines.subList(1, lines.size() - 1)) + "\r\n", MSG1 + ")\r\n");
        assertEquals("c OK FETCH completed", lines.get(lines.size() - 1));
    }

    @Test
    void fetchWithoutPeekSetsSeenAndReportsFlags() {
        select();
        List<String> lines = send("c FETCH 2 BODY[TEXT]");
        assertEquals("* 2 FETCH (BODY[TEXT] {10}", lines.get(0));
        assertEquals("Body two", lines.get(1));
        assertEquals(" FLAGS (\\Seen \\Recent))", lines.get(2));
        assertTrue(store.messages(A).get(1).flags().contains("\\Seen"));
    }

    @Test
    void headerFieldsSectionKeepsOnlyNamedFields() {
        select();
        List<String> lines = send("c FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]");
        assertEquals(List.of("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}", "Subject: one", "", ")", "c OK FETCH completed"), lines);
    }

    @Test
    void uidFetchAddsUidAndIgnoresMissingUids() {
        select();
        assertEquals(List.of("* 3 FETCH (UID 3 RFC822.SIZE 30)", "c OK UID FETCH completed"),
                send("c UID FETCH 3:99 RFC822.SIZE"));
    }

    @Test
    void sequenceNumberBeyondLastMessageIsBad() {
        select();
        assertEquals(List.of("c BAD Invalid message sequence number"), send("c FETCH 4 FLAGS"));
    }

    @Test
    void storeUpdatesFlags() {
        select();
        assertEquals(List.of("* 2 FETCH (FLAGS (\\Flagged \\Recent))", "c OK STORE completed"),
                send("c STORE 2 +FLAGS (\\Flagged)"));
        assertEquals(List.of("d OK STORE completed"), send("d STORE 2 -FLAGS.SILENT (\\Flagged)"));
        assertTrue(store.messages(A).get(1).flags().isEmpty());
    }

    @Test
    void expungeRenumbersLaterMessages() {
        select();
        send("c STORE 1:2 +FLAGS.SILENT (\\Deleted)");
        assertEquals(List.of("* 2 EXPUNGE", "* 1 EXPUNGE", "d OK EXPUNGE completed"), send("d EXPUNGE"));
        assertEquals(List.of("* 1 FETCH (UID 3)", "e OK FETCH completed"), send("e FETCH 1 UID"));
    }

    @Test
    void noopReportsChangesMadeElsewhere() {
        select();
        store.delete(A, "INBOX", List.of(1L));
        store.add(A, "Subject: four\r\n\r\nnew\r\n");
        assertEquals(List.of("* 1 EXPUNGE", "* 3 EXISTS", "* 3 RECENT", "f OK NOOP completed"), send("f NOOP"));
    }

    @Test
    void examineIsReadOnly() {
        send("a LOGIN " + A + " pw");
        assertEquals("b OK [READ-ONLY] EXAMINE completed", send("b EXAMINE INBOX").get(8));
        assertEquals(List.of("c NO [READ-ONLY] Mailbox is read-only"), send("c STORE 1 +FLAGS (\\Deleted)"));
        send("d FETCH 2 BODY[]");
        assertTrue(store.messages(A).get(1).flags().isEmpty(), "EXAMINE never sets \\Seen");
    }

    @Test
    void closeExpungesSilently() {
        select();
        send("c STORE 3 +FLAGS.SILENT (\\Deleted)");
        assertEquals(List.of("d OK CLOSE completed"), send("d CLOSE"));
        assertEquals(2, store.messages(A).size());
        assertEquals(List.of("e BAD No mailbox selected"), send("e FETCH 1 FLAGS"));
    }

    @Test
    void listMatchesWildcards() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" \"INBOX\"", "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"",
                "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"", "b OK LIST completed"), send("b LIST \"\" *"));
        assertEquals(List.of("* LIST (\\Noselect) \"/\" \"\"", "c OK LIST completed"), send("c LIST \"\" \"\""));
        assertEquals(List.of("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"", "d OK LIST completed"),
                send("d LIST \"\" Se%"));
    }

    @Test
    void createMakesSuperiorsAndListShowsTheHierarchy() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("b OK CREATE completed"), send("b CREATE Projects/2026/"));
        assertEquals(List.of("* LIST (\\HasChildren) \"/\" \"Projects\"", "c OK LIST completed"), send("c LIST \"\" P%"));
        assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" \"Projects/2026\"", "d OK LIST completed"),
                send("d LIST Projects/ %"));
        assertEquals(List.of("e NO [ALREADYEXISTS] Mailbox already exists"), send("e CREATE Projects"));
        assertEquals(List.of("f NO [ALREADYEXISTS] INBOX always exists"), send("f CREATE inbox"));
        assertEquals(List.of("g NO [CANNOT] Wildcards are not allowed in mailbox names"), send("g CREATE \"a*b\""));
        assertEquals(List.of("h NO [CANNOT] Empty level in mailbox name"), send("h CREATE a//b"));
        assertEquals(List.of("i NO [CANNOT] Bad modified UTF-7 in mailbox name"), send("i CREATE &Jjo"));
        assertEquals(List.of("j OK CREATE completed"), send("j CREATE &Jjo-"));
    }

    @Test
    void deleteRefusesInboxMissingFoldersAndFoldersWithChildren() {
        send("a LOGIN " + A + " pw");
        send("b CREATE A/B");
        assertEquals(List.of("c NO [INUSE] Mailbox has children, delete them first"), send("c DELETE A"));
        assertEquals(List.of("d NO [CANNOT] Not allowed for this mailbox"), send("d DELETE INBOX"));
        assertEquals(List.of("e NO [NONEXISTENT] Mailbox does not exist"), send("e DELETE Nowhere"));
        assertEquals(List.of("f OK DELETE completed"), send("f DELETE A/B"));
        assertEquals(List.of("g OK DELETE completed"), send("g DELETE A"));
        assertEquals(List.of("h OK LIST completed"), send("h LIST \"\" A*"));
    }

    @Test
    void renameMovesTheFoldersBelow() {
        send("a LOGIN " + A + " pw");
        send("b CREATE Old/Child");
        assertEquals(List.of("c OK RENAME completed"), send("c RENAME Old New"));
        assertEquals(List.of("* LIST (\\HasChildren) \"/\" \"New\"", "* LIST (\\HasNoChildren) \"/\" \"New/Child\"",
                "d OK LIST completed"), send("d LIST \"\" New*"));
        assertEquals(List.of("e NO [ALREADYEXISTS] Mailbox already exists"), send("e RENAME New Sent"));
        assertEquals(List.of("f NO [NONEXISTENT] Mailbox does not exist"), send("f RENAME Old Other"));
    }

    @Test
    void appendStoresFlagsAndDateAndAnswersAppendUid() {
        select();
        List<String> answer = send("c APPEND INBOX (\\Seen $Work) \" 2-Jan-2026 03:04:05 +0100\" {7+}\r\nhello\r\n");
        assertEquals(List.of("* 4 EXISTS", "* 4 RECENT", "c OK [APPENDUID 1234 4] APPEND completed"), answer);
        MessageData appended = store.messages(A).get(3);
        assertEquals(Set.of("\\Seen", "$Work"), appended.flags());
        assertEquals(Instant.parse("2026-01-02T02:04:05Z"), appended.internalDate());
        assertEquals("hello\r\n", new String(appended.content(), StandardCharsets.US_ASCII));
        assertEquals(List.of("d NO [TRYCREATE] Mailbox does not exist"), send("d APPEND Nowhere {1+}\r\nx"));
        assertEquals(List.of("e BAD Bad date-time 31-Foo-2026 00:00:00 +0000"),
                send("e APPEND INBOX \"31-Foo-2026 00:00:00 +0000\" {1+}\r\nx"));
    }

    @Test
    void copyAnswersCopyUidAndMoveExpungesTheSources() {
        select();
        assertEquals(List.of("c OK [COPYUID 1234 1:2 1:2] COPY completed"), send("c COPY 1:2 Sent"));
        assertEquals(List.of("d NO [TRYCREATE] Mailbox does not exist"), send("d COPY 1 Nowhere"));
        assertEquals(List.of("* OK [COPYUID 1234 1,3 3:4]", "* 3 EXPUNGE", "* 1 EXPUNGE", "e OK MOVE completed"),
                send("e UID MOVE 1,3 Trash"));
        assertEquals(List.of("* 1 FETCH (UID 2)", "f OK FETCH completed"), send("f FETCH 1:* UID"));
    }

    @Test
    void uidExpungeRemovesOnlyTheNamedDeletedMessages() {
        select();
        send("c STORE 1:3 +FLAGS.SILENT (\\Deleted)");
        assertEquals(List.of("* 3 EXPUNGE", "* 1 EXPUNGE", "d OK EXPUNGE completed"), send("d UID EXPUNGE 1,3:4"));
        assertEquals(List.of("* 1 FETCH (UID 2)", "e OK FETCH completed"), send("e FETCH 1:* UID"));
    }

    @Test
    void namespaceIdAndEnableAnswer() {
        assertEquals(List.of("* ID (\"name\" \"LibertyMail\" \"vendor\" \"LibertyMail\")", "a OK ID completed"),
                send("a ID (\"name\" \"Thunderbird\" \"version\" NIL)"));
        assertEquals(List.of("* ID (\"name\" \"LibertyMail\" \"vendor\" \"LibertyMail\")", "b OK ID completed"), send("b ID NIL"));
        assertEquals(List.of("c BAD Expected a quoted string or literal"), send("c ID (name)"));
        send("d LOGIN " + A + " pw");
        assertEquals(List.of("* NAMESPACE ((\"\" \"/\")) NIL ((\"Public Folders/\" \"/\"))", "e OK NAMESPACE completed"), send("e NAMESPACE"));
        assertEquals(List.of("* ENABLED", "f OK ENABLE completed"), send("f ENABLE UTF8=ACCEPT X-UNKNOWN"));
        assertEquals(List.of("* ENABLED CONDSTORE QRESYNC", "f OK ENABLE completed"), send("f ENABLE CONDSTORE QRESYNC"));
        assertEquals(List.of("g BAD ENABLE needs at least one capability"), send("g ENABLE"));
    }

    @Test
    void aRenamedSelectedFolderStaysSelectedUnderItsNewName() {
        send("a LOGIN " + A + " pw");
        send("b CREATE Box");
        send("c SELECT Box");
        assertEquals(List.of("d OK RENAME completed"), send("d RENAME Box Crate"));
        store.calls.clear();
        assertEquals(List.of("e OK NOOP completed"), send("e NOOP"));
        assertEquals(List.of("changesSince Crate 1"), store.calls);
    }

    @Test
    void deletingTheSelectedFolderClosesIt() {
        send("a LOGIN " + A + " pw");
        send("b CREATE Box");
        send("c SELECT Box");
        assertEquals(List.of("* OK [CLOSED] The selected mailbox was deleted", "d OK DELETE completed"),
                send("d DELETE Box"));
        assertEquals(List.of("e BAD No mailbox selected"), send("e FETCH 1 FLAGS"));
    }

    @Test
    void lsubListsSubscriptionsEvenOfDeletedFolders() {
        send("a LOGIN " + A + " pw");
        send("b CREATE Lists");
        assertEquals(List.of("c OK SUBSCRIBE completed"), send("c SUBSCRIBE Lists"));
        send("d DELETE Lists");
        assertEquals(List.of("* LSUB () \"/\" \"Lists\"", "e OK LSUB completed"), send("e LSUB \"\" L*"));
        assertEquals(List.of("f OK UNSUBSCRIBE completed"), send("f UNSUBSCRIBE Lists"));
        assertEquals(List.of("g OK LSUB completed"), send("g LSUB \"\" L*"));
        assertEquals(List.of("h NO [NONEXISTENT] Mailbox does not exist"), send("h SUBSCRIBE Nowhere"));
    }

    @Test
    void statusCountsMessages() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("* STATUS \"INBOX\" (MESSAGES 3 UNSEEN 2 UIDNEXT 4)", "b OK STATUS completed"),
                send("b STATUS INBOX (MESSAGES UNSEEN UIDNEXT)"));
    }

    @Test
    void statusAndListStatusAskTheStoreForCountsNotForTheMessages() {
        send("a LOGIN " + A + " pw");
        store.calls.clear();
        assertEquals(List.of("* STATUS \"INBOX\" (MESSAGES 3 RECENT 3 UNSEEN 2 DELETED 0 SIZE " + store.messages(A).stream().mapToLong(MessageData::size).sum() + ")",
                "b OK STATUS completed"), send("b STATUS INBOX (MESSAGES RECENT UNSEEN DELETED SIZE)"));
        assertTrue(send("c LIST \"\" INBOX RETURN (STATUS (MESSAGES))").contains("* STATUS \"INBOX\" (MESSAGES 3)"));
        assertEquals(List.of("folderStatus INBOX", "folderStatus INBOX"),
                store.calls.stream().filter(c -> c.startsWith("folderStatus") || c.startsWith("openFolder")).toList());
    }

    @Test
    void logoutSaysByeAndCloses() {
        assertEquals(List.of("* BYE LibertyMail IMAP4rev1 server logging out", "z OK LOGOUT completed"), send("z LOGOUT"));
        assertTrue(out.closed());
    }

    @Test
    void loginIsDisabledWithoutPrivacy() {
        RecordingOutput remoteOut = new RecordingOutput();
        ImapSession remote = new ImapSession(Sessions.remote(), remoteOut, store);
        remote.start();
        assertTrue(remoteOut.last().contains("LOGINDISABLED"));
        remote.onFrame(ascii("a LOGIN " + A + " pw"));
        assertEquals("a NO [PRIVACYREQUIRED] Plaintext authentication is disallowed on insecure connections", remoteOut.last());
    }

    @Test
    void unknownCommandAndGarbageAreBad() {
        assertEquals(List.of("a BAD Unknown command FROB"), send("a FROB"));
        assertEquals(List.of("* BAD Missing tag"), send(""));
    }

    @Test
    void oversizedSynchronizingLiteralIsRefusedWithToobig() {
        imap.onLiteralTooLarge(ascii("a LOGIN {999999999}"), true);
        assertEquals("a NO [TOOBIG] Literal too large", out.last());
        imap.onLiteralTooLarge(ascii("b LOGIN {999999999+}"), false);
        assertEquals("* BYE [TOOBIG] Literal too large", out.last());
        assertTrue(out.closed());
    }

    @Test
    void largeMessageBodyIsStreamedAndItsHeaderAndPartialsAreCutFromPieces() {
        StringBuilder big = new StringBuilder("From: x@y.example\r\nSubject: big\r\n\r\n");
        while (big.length() < 3 * 1024 * 1024) {
            big.append("line ").append(big.length()).append("\r\n");
        }
        String text = big.toString();
        long uid = store.add(A, text);
        select();
        out.take();
        store.calls.clear();
        imap.onFrame(ascii("c UID FETCH " + uid + " (BODY.PEEK[])"));
        String response = new String(out.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        String expectedStart = "* 4 FETCH (UID " + uid + " BODY[] {" + text.length() + "}\r\n";
        assertTrue(response.endsWith(expectedStart + text + ")\r\nc OK UID FETCH completed\r\n"), "whole body streamed");
        assertTrue(store.calls.stream().filter(c -> c.startsWith("readContent")).count() >= 12, store.calls.toString());
        assertTrue(out.waits >= 12);
        out.take();
        assertEquals(List.of("* 4 FETCH (UID " + uid + " BODY[HEADER.FIELDS (SUBJECT)] {16}", "Subject: big", "",
                ")", "d OK UID FETCH completed"), send("d UID FETCH " + uid + " (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"));
        int from = 2 * 1024 * 1024 + 7;
        assertEquals("* 4 FETCH (UID " + uid + " BODY[]<" + from + "> {10}\r\n" + text.substring(from, from + 10) + ")\r\n"
                + "e OK UID FETCH completed", String.join("\r\n", send("e UID FETCH " + uid + " (BODY.PEEK[]<" + from + ".10>)")));
    }

    private static final String MIXED = "From: Ann <ann@example.com>\r\nSubject: parts\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n"
            + "--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner text\r\n"
            + "--b--\r\n";

    @Test
    void envelopeAndBodyStructureComeFromTheStoredStructureWithoutContent() {
        long uid = store.add(A, MIXED);
        select();
        store.calls.clear();
        List<String> lines = send("c UID FETCH " + uid + " (ENVELOPE BODYSTRUCTURE)");
        assertEquals("* 4 FETCH (UID 4 ENVELOPE (NIL \"parts\" ((\"Ann\" NIL \"ann\" \"example.com\")) "
                + "((\"Ann\" NIL \"ann\" \"example.com\")) ((\"Ann\" NIL \"ann\" \"example.com\")) NIL NIL NIL NIL NIL) "
                + "BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 5 1 NIL NIL NIL NIL)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 28 (NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL) 3 NIL NIL NIL NIL)"
                + " \"mixed\" (\"boundary\" \"b\") NIL NIL NIL))", lines.get(0));
        assertEquals(List.of("fetch [4] STRUCTURE"), store.calls);
        assertEquals("* 4 FETCH (BODY ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 5 1)(\"message\" \"rfc822\" NIL NIL NIL"
                + " \"7bit\" 28 (NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\")"
                + " NIL NIL \"7bit\" 10 1) 3) \"mixed\"))", send("d FETCH 4 BODY").get(0));
    }

    @Test
    void numberedSectionsCutPartsHeadersAndEncapsulatedMessages() {
        store.add(A, MIXED);
        select();
        assertEquals(List.of("* 4 FETCH (BODY[1] {5}", "first)", "c OK FETCH completed"), send("c FETCH 4 BODY.PEEK[1]"));
        assertEquals(List.of("* 4 FETCH (BODY[1.MIME] {28}", "Content-Type: text/plain", "", ")", "c OK FETCH completed"),
                send("c FETCH 4 BODY.PEEK[1.MIME]"));
        assertEquals(List.of("* 4 FETCH (BODY[2.HEADER] {18}", "Subject: inner", "", ")", "c OK FETCH completed"),
                send("c FETCH 4 BODY.PEEK[2.HEADER]"));
        assertEquals(List.of("* 4 FETCH (BODY[2.TEXT]<6> {4}", "text)", "c OK FETCH completed"),
                send("c FETCH 4 BODY.PEEK[2.TEXT]<6.20>"));
        assertEquals(List.of("* 4 FETCH (BODY[2.1] {10}", "inner text)", "c OK FETCH completed"), send("c FETCH 4 BODY.PEEK[2.1]"));
        assertEquals(List.of("* 4 FETCH (BODY[3] NIL BODY[1.HEADER] NIL)", "c OK FETCH completed"),
                send("c FETCH 4 (BODY.PEEK[3] BODY.PEEK[1.HEADER])"));
        assertEquals(List.of("c BAD Part numbers start at 1"), send("c FETCH 4 BODY[0]"));
        assertEquals(List.of("c BAD MIME needs a part number"), send("c FETCH 4 BODY[MIME]"));
    }

    @Test
    void headerSectionsAreServedFromTheStoredHeader() {
        select();
        store.calls.clear();
        assertEquals(List.of("* 1 FETCH (BODY[HEADER] {35}", "From: x@y.example", "Subject: one", "", ")", "c OK FETCH completed"),
                send("c FETCH 1 BODY.PEEK[HEADER]"));
        assertEquals(List.of("fetch [1] STRUCTURE"), store.calls);
    }

    @Test
    void allAndFullAreTheirMacros() {
        select();
        assertEquals("* 1 FETCH (FLAGS (\\Seen \\Recent) INTERNALDATE \" 2-Jan-2026 03:04:05 +0000\" RFC822.SIZE 45 ENVELOPE "
                + "(NIL \"one\" ((NIL NIL \"x\" \"y.example\")) ((NIL NIL \"x\" \"y.example\")) ((NIL NIL \"x\" \"y.example\"))"
                + " NIL NIL NIL NIL NIL) BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 1))",
                send("c FETCH 1 FULL").get(0));
    }

    @Test
    void searchOnFlagsSizesAndNumbersNeedsNoStoreCall() {
        select();
        store.calls.clear();
        assertEquals(List.of("* SEARCH 2 3", "c OK SEARCH completed"), send("c SEARCH UNSEEN"));
        assertEquals(List.of("* SEARCH 1", "c OK SEARCH completed"), send("c SEARCH OR SEEN LARGER 1000 NOT 3"));
        assertEquals(List.of("* SEARCH 3", "c OK UID SEARCH completed"), send("c UID SEARCH UID 2:* NOT (OR 2 DELETED)"));
        assertEquals(List.of("* SEARCH", "c OK SEARCH completed"), send("c SEARCH KEYWORD $Forwarded"));
        assertEquals(List.of("* SEARCH 1 2 3", "c OK SEARCH completed"), send("c SEARCH RECENT SINCE 1-Jan-2026 BEFORE \"1-Jan-2100\""));
        assertEquals(List.of(), store.calls);
    }

    @Test
    void searchOnHeadersDecodesEncodedWordsAndIgnoresCase() {
        store.add(A, "From: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <jorg@example.de>\r\nSubject: =?ISO-8859-1?B?R3L832U=?=\r\n"
                + "Date: Mon, 7 Sep 2026 10:00:00 +0200\r\nX-Ticket: 42\r\n\r\nbody\r\n");
        select();
        assertEquals(List.of("* SEARCH 4", "c OK SEARCH completed"), sendUtf8("c SEARCH CHARSET UTF-8 FROM {7+}\r\nmüller"));
        assertEquals(List.of("* SEARCH 4", "c OK SEARCH completed"), sendUtf8("c SEARCH SUBJECT {4+}\r\nGRÜ"));
        assertEquals(List.of("* SEARCH 1 4", "c OK SEARCH completed"), send("c SEARCH OR HEADER X-Ticket \"\" FROM y.example"));
        assertEquals(List.of("* SEARCH 4", "c OK SEARCH completed"), send("c SEARCH SENTON 7-Sep-2026"));
        assertEquals(List.of("* SEARCH 1 2 3", "c OK SEARCH completed"), send("c SEARCH NOT SENTSINCE 8-Sep-2026 NOT SENTON 7-Sep-2026"));
        assertEquals(List.of("c NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset KOI8-R"), send("c SEARCH CHARSET KOI8-R ALL"));
    }

    @Test
    void searchOnTextDecodesTheTextPartsOnly() {
        store.add(A, "Subject: mixed\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Sch=C3=B6ne Gr=C3=BC=\r\n=C3=9Fe\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "c2VjcmV0\r\n--b--\r\n");
        select();
        assertEquals(List.of("* SEARCH 4", "c OK SEARCH completed"), sendUtf8("c SEARCH BODY {7+}\r\ngrüße"));
        assertEquals(List.of("* SEARCH", "c OK SEARCH completed"), send("c SEARCH BODY secret"));
        assertEquals(List.of("* SEARCH 4", "c OK SEARCH completed"), send("c SEARCH TEXT MIXED"));
        assertEquals(List.of("* SEARCH 2", "c OK SEARCH completed"), send("c SEARCH BODY \"body TWO\""));
    }

    @Test
    void esearchReturnsMinMaxCountAndSavesForDollar() {
        select();
        assertEquals(List.of("* ESEARCH (TAG \"c\") UID MIN 2 MAX 3 COUNT 2", "c OK UID SEARCH completed"),
                send("c UID SEARCH RETURN (MIN MAX COUNT) UNSEEN"));
        assertEquals(List.of("* ESEARCH (TAG \"d\") ALL 1:3", "d OK SEARCH completed"), send("d SEARCH RETURN () ALL"));
        assertEquals(List.of("* ESEARCH (TAG \"e\") COUNT 0", "e OK SEARCH completed"), send("e SEARCH RETURN (MIN COUNT) DELETED"));
        assertEquals(List.of("f OK SEARCH completed"), send("f SEARCH RETURN (SAVE) UNSEEN"));
        assertEquals(List.of("* 2 FETCH (UID 2)", "* 3 FETCH (UID 3)", "g OK FETCH completed"), send("g FETCH $ (UID)"));
        assertEquals(List.of("* SEARCH 3", "h OK SEARCH completed"), send("h SEARCH $ SUBJECT three"));
        assertEquals(List.of("i BAD Unknown search return option PARTIAL"), send("i SEARCH RETURN (PARTIAL) ALL"));
    }

    @Test
    void malformedSearchesAreBadAndKeepTheSession() {
        select();
        assertEquals(List.of("c BAD Unknown search key FOO"), send("c SEARCH FOO"));
        assertEquals(List.of("c BAD Bad date 32-Jan-2026, expected d-Mon-yyyy"), send("c SEARCH ON 32-Jan-2026"));
        assertTrue(send("c SEARCH (SEEN").get(0).startsWith("c BAD "));
        assertTrue(send("c SEARCH " + "NOT ".repeat(100) + "SEEN").get(0).startsWith("c BAD Search keys nested too deeply"));
        assertEquals(List.of("* SEARCH 1", "d OK SEARCH completed"), send("d SEARCH SEEN"));
    }

    @Test
    void idleTellsOfNewMailWhenWokenAndDoneEndsIt() {
        select();
        assertEquals(List.of("+ idling"), send("c IDLE"));
        assertEquals(A, out.watching);
        imap.onWake();
        assertEquals(List.of(), out.take(), "nothing changed: nothing said");
        store.add(A, "Subject: four\r\n\r\nBody four\r\n");
        store.storeFlags(A, "INBOX", List.of(1L), org.libertymail.adapter.api.FlagOperation.ADD, java.util.Set.of("\\Flagged"));
        imap.onWake();
        assertEquals(List.of("* 1 FETCH (FLAGS (\\Flagged \\Seen \\Recent))", "* 4 EXISTS", "* 4 RECENT"), out.take());
        assertEquals(List.of("c OK IDLE terminated"), send("DONE"));
        assertEquals(null, out.watching);
        imap.onWake();
        assertEquals(List.of(), out.take(), "no longer idling");
    }

    @Test
    void anythingButDoneEndsIdleAsAnError() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("+ idling"), send("c IDLE"));
        assertEquals(List.of("c BAD Expected DONE to end IDLE"), send("d NOOP"));
        assertEquals(List.of("e OK NOOP completed"), send("e NOOP"));
    }

    @Test
    void changesToMailAreAnnouncedForIdleSessions() {
        select();
        send("c FETCH 1 FLAGS");
        send("c FETCH 2 BODY.PEEK[]");
        assertEquals(List.of(), out.changed, "reading changes nothing");
        send("c STORE 2 +FLAGS (\\Deleted)");
        send("d FETCH 3 BODY[]");
        send("e EXPUNGE");
        assertEquals(List.of(A, A, A), out.changed);
    }

    @Test
    void noopAsksOnlyForWhatChangedSinceTheLastKnownModification() {
        select();
        store.calls.clear();
        assertEquals(List.of("c OK NOOP completed"), send("c NOOP"));
        assertEquals(List.of("changesSince INBOX 4"), store.calls, "three deliveries: modseq 2, 3, 4");
        store.storeFlags(A, "INBOX", List.of(2L), org.libertymail.adapter.api.FlagOperation.ADD, java.util.Set.of("\\Answered"));
        store.expunge(A, "INBOX", List.of(3L)); // not \Deleted: nothing goes, but the folder moves on
        store.calls.clear();
        assertEquals(List.of("* 2 FETCH (FLAGS (\\Answered \\Recent))", "d OK NOOP completed"), send("d NOOP"));
        assertEquals(List.of("changesSince INBOX 4"), store.calls);
        store.calls.clear();
        send("e NOOP");
        assertEquals(List.of("changesSince INBOX 6"), store.calls, "caught up");
    }

    @Test
    void condstoreFetchesChangedSinceAndStoresConditionally() {
        select(); // deliveries took modseq 2, 3 and 4
        assertEquals(List.of("* 2 FETCH (FLAGS (\\Answered \\Recent) MODSEQ (5))", "c OK STORE completed"),
                send("c STORE 2 (UNCHANGEDSINCE 4) +FLAGS (\\Answered)"));
        assertEquals(List.of("* 2 FETCH (UID 2 FLAGS (\\Answered \\Recent) MODSEQ (5))", "d OK UID FETCH completed"),
                send("d UID FETCH 1:* (FLAGS) (CHANGEDSINCE 4)"));
        assertEquals(List.of("* 3 FETCH (UID 3 MODSEQ (6))", "e OK [MODIFIED 2] Conditional STORE failed"),
                send("e UID STORE 2:3 (UNCHANGEDSINCE 4) +FLAGS.SILENT (\\Flagged)"));
        assertEquals(List.of("* SEARCH 2 3 (MODSEQ 6)", "f OK SEARCH completed"), send("f SEARCH MODSEQ 5"));
        assertEquals(List.of("* STATUS \"INBOX\" (HIGHESTMODSEQ 6 MESSAGES 3)", "g OK STATUS completed"),
                send("g STATUS INBOX (HIGHESTMODSEQ MESSAGES)"));
        store.storeFlags(A, "INBOX", List.of(1L), org.libertymail.adapter.api.FlagOperation.ADD, java.util.Set.of("\\Draft"));
        assertEquals(List.of("* 1 FETCH (FLAGS (\\Draft \\Seen \\Recent) MODSEQ (7))", "h OK NOOP completed"), send("h NOOP"));
    }

    @Test
    void qresyncTellsWhatVanishedAndChangedSinceTheClientLastLooked() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("* ENABLED QRESYNC", "b OK ENABLE completed"), send("b ENABLE QRESYNC"));
        store.storeFlags(A, "INBOX", List.of(3L), org.libertymail.adapter.api.FlagOperation.ADD, java.util.Set.of("\\Deleted"));
        store.expunge(A, "INBOX", List.of(3L)); // modseq 6
        store.storeFlags(A, "INBOX", List.of(2L), org.libertymail.adapter.api.FlagOperation.ADD, java.util.Set.of("\\Seen"));
        List<String> lines = send("c SELECT INBOX (QRESYNC (1234 4 1:3))");
        assertEquals(List.of("* VANISHED (EARLIER) 3", "* 2 FETCH (UID 2 FLAGS (\\Seen \\Recent) MODSEQ (7))",
                "c OK [READ-WRITE] SELECT completed"), lines.subList(lines.size() - 3, lines.size()));
        assertEquals(List.of("* VANISHED (EARLIER) 3", "* 2 FETCH (UID 2 FLAGS (\\Seen \\Recent) MODSEQ (7))",
                "d OK UID FETCH completed"), send("d UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5 VANISHED)"));
        send("e STORE 1 +FLAGS.SILENT (\\Deleted)");
        assertEquals(List.of("* VANISHED 1", "f OK EXPUNGE completed"), send("f EXPUNGE"));
        assertEquals("* OK [CLOSED] Previous mailbox closed", send("g EXAMINE INBOX").get(0));
        assertEquals(List.of("h BAD VANISHED needs CHANGEDSINCE"), send("h UID FETCH 1 FLAGS (VANISHED)"));
    }

    @Test
    void qresyncNeedsEnablingFirst() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("b BAD QRESYNC must be enabled first"), send("b SELECT INBOX (QRESYNC (1234 1))"));
        assertEquals("c OK [READ-WRITE] SELECT completed", send("c SELECT INBOX (CONDSTORE)").get(8));
        assertEquals(List.of("d BAD VANISHED needs QRESYNC enabled"), send("d UID FETCH 1:* FLAGS (CHANGEDSINCE 1 VANISHED)"));
    }

    @Test
    void quotaRootsShowTheMailboxQuotaAndSetQuotaIsRefused() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("* QUOTAROOT \"INBOX\"", "b OK GETQUOTAROOT completed"), send("b GETQUOTAROOT INBOX"));
        assertEquals(List.of("c NO [NONEXISTENT] No such quota root"), send("c GETQUOTA \"\""));
        store.quota(A, 10_000);
        assertEquals(List.of("* QUOTAROOT \"INBOX\" \"\"", "* QUOTA \"\" (STORAGE 1 9)", "d OK GETQUOTAROOT completed"),
                send("d GETQUOTAROOT INBOX"));
        assertEquals(List.of("* QUOTA \"\" (STORAGE 1 9)", "e OK GETQUOTA completed"), send("e GETQUOTA \"\""));
        assertEquals(List.of("f NO [NOPERM] Quotas are set by the administrator"), send("f SETQUOTA \"\" (STORAGE 100)"));
        assertEquals(List.of("g NO [NONEXISTENT] Mailbox does not exist"), send("g GETQUOTAROOT Nope"));
    }

    @Test
    void listExtendedSelectsBySubscriptionAndSpecialUseAndReturnsStatus() {
        send("a LOGIN " + A + " pw");
        send("b CREATE Work/Reports");
        send("c UNSUBSCRIBE Trash");
        send("d SUBSCRIBE Work/Reports");
        send("e CREATE Gone");
        send("e SUBSCRIBE Gone");
        send("e DELETE Gone"); // its name stays subscribed (RFC 3501 6.3.6)
        assertEquals(List.of("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\"",
                "* LIST (\\HasNoChildren \\Sent \\Subscribed) \"/\" \"Sent\"",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Work/Reports\"",
                "* LIST (\\NonExistent \\Subscribed) \"/\" \"Gone\"", "f OK LIST completed"),
                send("f LIST (SUBSCRIBED) \"\" *"));
        assertEquals(List.of("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\"",
                "* LIST (\\HasNoChildren \\Sent \\Subscribed) \"/\" \"Sent\"",
                "* LIST (\\HasChildren) \"/\" \"Work\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                "* LIST (\\NonExistent \\Subscribed) \"/\" \"Gone\"", "g OK LIST completed"),
                send("g LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %"));
        assertEquals(List.of("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"", "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"",
                "h OK LIST completed"), send("h LIST (SPECIAL-USE) \"\" *"));
        assertEquals(List.of("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\"",
                "* STATUS \"INBOX\" (MESSAGES 3 UNSEEN 2 SIZE 101)",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Work/Reports\"",
                "* STATUS \"Work/Reports\" (MESSAGES 0 UNSEEN 0 SIZE 0)", "i OK LIST completed"),
                send("i LIST \"\" (INBOX Work/%) RETURN (SUBSCRIBED STATUS (MESSAGES UNSEEN SIZE))"));
        assertEquals(List.of("j BAD RECURSIVEMATCH needs another selection option"), send("j LIST (RECURSIVEMATCH) \"\" *"));
    }

    @Test
    void binaryFetchesUndoTheTransferEncoding() {
        long uid = store.add(A, "Subject: b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n"
                + "--b\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin\r\n--b--\r\n");
        select();
        assertEquals("* 4 FETCH (BINARY[1] {7}\r\nGr\u00c3\u00bc\u00c3\u009fe BINARY.SIZE[2] 3)\r\nc OK FETCH completed",
                String.join("\r\n", send("c FETCH " + uid + " (BINARY.PEEK[1] BINARY.SIZE[2])")));
        assertEquals(List.of("* 4 FETCH (BINARY[2] ~{3}", "\u0000\u0001\u0002)", "d OK FETCH completed"),
                send("d FETCH 4 BINARY.PEEK[2]"));
        assertEquals(List.of("* 4 FETCH (BINARY[1]<2> {2}", "\u00c3\u00bc)", "e OK FETCH completed"), send("e FETCH 4 BINARY.PEEK[1]<2.2>"));
        assertEquals(List.of("f NO [UNKNOWN-CTE] Message 4 has a part in an unknown transfer encoding"), send("f FETCH 4 BINARY.PEEK[3]"));
        long withNul = store.add(A, "Subject: nul\r\n\r\na\u0000b\r\n");
        send("f NOOP");
        assertEquals(List.of("* 5 FETCH (BODY[TEXT] {5}", "a\u0000b", ")", "f OK FETCH completed"),
                send("f FETCH " + withNul + " BODY.PEEK[TEXT]"), "literal8 is for BINARY only");
        assertEquals(List.of("g BAD BINARY takes part numbers only"), send("g FETCH 4 BINARY[1.MIME]"));
        assertTrue(String.join("\n", send("h FETCH 4 BINARY[1]")).contains(" FLAGS (\\Seen \\Recent))"), "BINARY sets \\Seen");
    }

    private static String latin1(String utf8) {
        return new String(utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void imap4rev2UsesUtf8NamesAndEsearchAndDropsRecent() {
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("* ENABLED IMAP4rev2", "b OK ENABLE completed"), send("b ENABLE IMAP4rev2"));
        assertEquals(List.of("c OK CREATE completed"), sendUtf8("c CREATE {7+}\r\nGrüße"));
        assertTrue(store.calls.contains("createFolder Gr&APwA3w-e"), "kept in modified UTF-7: " + store.calls);
        assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" {7}", latin1("Grüße"), "d OK LIST completed"),
                send("d LIST \"\" Gr*"));
        List<String> selected = send("e SELECT INBOX");
        assertEquals("* LIST (\\HasNoChildren) \"/\" \"INBOX\"", selected.get(0));
        assertTrue(selected.stream().noneMatch(l -> l.contains("RECENT") || l.contains("UNSEEN")), selected.toString());
        assertEquals(List.of("* ESEARCH (TAG \"f\") ALL 2:3", "f OK SEARCH completed"), send("f SEARCH UNSEEN"));
        assertEquals(List.of("* 1 FETCH (FLAGS (\\Seen))", "g OK FETCH completed"), send("g FETCH 1 FLAGS"));
        assertEquals(List.of("* STATUS \"INBOX\" (DELETED 0 MESSAGES 3)", "h OK STATUS completed"),
                send("h STATUS INBOX (DELETED MESSAGES)"));
        assertEquals(List.of("* OK [CLOSED] Previous mailbox closed"), send("i EXAMINE INBOX").subList(0, 1));
    }

    @Test
    void publicFoldersAppearInTheSharedNamespaceUnderANoselectRoot() {
        store.publicFolder("News", Rights.READ);
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("* LIST (\\Noselect \\HasChildren) \"/\" \"Public Folders\"", "b OK LIST completed"),
                send("b LIST \"\" Public%"));
        assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" \"Public Folders/News\"", "c OK LIST completed"),
                send("c LIST \"Public Folders/\" %"));
        assertEquals(List.of("d NO [NONEXISTENT] Mailbox does not exist"), send("d SELECT \"Public Folders\""));
        // a trailing delimiter names the level itself (how Jakarta Mail checks a namespace)
        assertEquals(List.of("* LIST (\\Noselect \\HasChildren) \"/\" \"Public Folders\"", "e OK LIST completed"),
                send("e LIST \"\" \"Public Folders/\""));
    }

    @Test
    void aFolderWithoutWriteRightsOpensReadOnlyAndMyRightsSaysSo() {
        store.publicFolder("News", Rights.READ);
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("* MYRIGHTS \"Public Folders/News\" lr", "b OK MYRIGHTS completed"),
                send("b MYRIGHTS \"Public Folders/News\""));
        assertEquals(List.of("* MYRIGHTS \"INBOX\" lrswipkxte", "c OK MYRIGHTS completed"), send("c MYRIGHTS inbox"));
        List<String> select = send("d SELECT \"Public Folders/News\"");
        assertTrue(select.contains("* OK [PERMANENTFLAGS ()] Limited"), select.toString());
        assertEquals("d OK [READ-ONLY] SELECT completed", select.get(select.size() - 1));
        assertEquals(List.of("e NO [READ-ONLY] Mailbox is read-only"), send("e STORE 1:* +FLAGS (\\Seen)"));
    }

    @Test
    void permanentFlagsFollowTheRightsAndExpungeWithoutTheRightIsRefused() {
        store.publicFolder("Drop", "lrsi");
        send("a LOGIN " + A + " pw");
        List<String> select = send("b SELECT \"Public Folders/Drop\"");
        assertTrue(select.contains("* OK [PERMANENTFLAGS (\\Seen)] Limited"), select.toString());
        assertEquals("b OK [READ-WRITE] SELECT completed", select.get(select.size() - 1));
        assertEquals(List.of("c NO [NOPERM] You may not expunge messages in this folder"), send("c EXPUNGE"));
        store.calls.clear();
        assertEquals(List.of("d OK CLOSE completed"), send("d CLOSE"));
        assertFalse(store.calls.contains("expunge Public Folders/Drop"), store.calls.toString());
    }

    @Test
    void aclsAreTheAdministratorsToSet() {
        store.publicFolder("News", Rights.READ_WRITE);
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("b NO [NOPERM] Access rights are managed by the administrator"),
                send("b SETACL \"Public Folders/News\" bob@example.com lr"));
        assertEquals(List.of("c NO [NOPERM] Access rights are managed by the administrator"), send("c GETACL INBOX"));
        assertEquals(List.of("d NO [NONEXISTENT] Mailbox does not exist"), send("d LISTRIGHTS Nowhere bob@example.com"));
        assertEquals(List.of("e NO [NOPERM] Access rights are managed by the administrator"),
                send("e DELETEACL INBOX bob@example.com"));
        assertEquals(List.of("f BAD Missing space"), send("f SETACL INBOX"));
    }

    @Test
    void anIndexedBodySearchReadsNoMessage() {
        select();
        store.textHits = Set.of(2L, 3L, 99L); // 99: expunged since it was indexed
        store.calls.clear();
        assertEquals(List.of("* SEARCH 2 3", "c OK SEARCH completed"), send("c SEARCH BODY body"));
        assertEquals(List.of("searchText body"), store.calls);
        assertEquals(List.of("* SEARCH 3", "d OK SEARCH completed"), send("d SEARCH NOT SEEN BODY body NOT UID 2"));
        store.calls.clear();
        // TEXT needs the headers too, but still no content
        assertEquals(List.of("* SEARCH 1 2 3", "e OK SEARCH completed"), send("e SEARCH OR TEXT body SUBJECT one"));
        assertTrue(store.calls.stream().noneMatch(c -> c.endsWith(" ALL")), store.calls.toString());
    }

    @Test
    void aDisabledMailboxIsToldToContactTheAdministrator() {
        store.disabled.add(A + " IMAP");
        assertEquals(List.of("a NO [AUTHENTICATIONFAILED] Invalid credentials"), send("a LOGIN " + A + " wrong"));
        assertEquals(List.of("b NO [CONTACTADMIN] IMAP access to this mailbox is disabled"), send("b LOGIN " + A + " pw"));
        store.disabled.clear();
        assertTrue(send("c LOGIN " + A + " pw").get(0).startsWith("c OK"));
    }

    @Test
    void changesToAPublicFolderAreToldToItsWatchersEvenByClose() {
        store.publicFolder("News", Rights.READ_WRITE);
        send("a LOGIN " + A + " pw");
        send("b SELECT \"Public Folders/News\"");
        out.changed.clear();
        assertEquals(List.of("c OK CLOSE completed"), send("c CLOSE"));
        assertEquals(List.of(A, PublicFolders.OWNER), out.changed);
        out.changed.clear();
        sendUtf8("d APPEND \"Public Folders/News\" {5+}\r\nhello");
        assertTrue(out.changed.contains(PublicFolders.OWNER), out.changed.toString());
    }

    @Test
    void listStatusLeavesOutAFolderTheAccountMayOnlySee() {
        store.publicFolder("Board", "l");
        store.publicFolder("News", Rights.READ);
        send("a LOGIN " + A + " pw");
        assertEquals(List.of("* LIST (\\HasNoChildren) \"/\" \"Public Folders/Board\"",
                "* LIST (\\HasNoChildren) \"/\" \"Public Folders/News\"",
                "* STATUS \"Public Folders/News\" (MESSAGES 0)", "b OK LIST completed"),
                send("b LIST \"Public Folders/\" * RETURN (STATUS (MESSAGES))"));
        assertEquals(List.of("c NO [NOPERM] You may not read this folder"), send("c SELECT \"Public Folders/Board\""));
    }
}
