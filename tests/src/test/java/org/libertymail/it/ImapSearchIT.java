package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SubjectTerm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SEARCH over the wire (RFC 3501 6.4.4, RFC 4731): what Jakarta Mail, curl and imaplib send. */
class ImapSearchIT {
    private static final String DOMAIN = "search.it.test";
    private static final String PASSWORD = "search-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    private static String mailboxWithMessages(String local) throws Exception {
        String user = ServerUnderTest.createMailbox(local, DOMAIN, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            for (String m : List.of(
                    "From: Ann <ann@outside.example>\r\nSubject: Invoice 17\r\n\r\nPlease pay by Friday.\r\n",
                    "From: Bob <bob@outside.example>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
                            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                            + "U2Now7ZuZW4gVGFnIG5vY2gh\r\n",
                    "From: Ann <ann@outside.example>\r\nSubject: Lunch\r\n\r\nFriday at noon?\r\n")) {
                assertTrue(smtp.send("s@outside.example", List.of(user), m.getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
            }
        }
        return user;
    }

    @Test
    void jakartaMailSearchesHeadersBodiesAndFlagsOnTheServer() throws Exception {
        String user = mailboxWithMessages("jakarta");
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertEquals(List.of(1, 3), numbers(inbox.search(new FromStringTerm("ann@outside"))));
            assertEquals(List.of(1, 3), numbers(inbox.search(new BodyTerm("friday"))));
            assertEquals(List.of(2), numbers(inbox.search(new BodyTerm("Schönen Tag")))); // base64 UTF-8 text, CHARSET UTF-8
            assertEquals(List.of(2), numbers(inbox.search(new SubjectTerm("grüße"))));
            inbox.getMessage(3).setFlag(Flags.Flag.SEEN, true);
            assertEquals(List.of(1), numbers(inbox.search(new AndTerm(new FlagTerm(new Flags(Flags.Flag.SEEN), false),
                    new OrTerm(new SubjectTerm("invoice"), new SubjectTerm("lunch"))))));
            inbox.close(false);
        }
    }

    private static List<Integer> numbers(Message[] found) {
        return Arrays.stream(found).map(Message::getMessageNumber).toList();
    }

    @Test
    void curlAndImaplibSearch() throws Exception {
        String user = mailboxWithMessages("scripts");
        Process curl = new ProcessBuilder("curl", "-sS", "--user", user + ":" + PASSWORD,
                "imap://" + ServerUnderTest.HOST + ":" + ServerUnderTest.IMAP + "/INBOX?SUBJECT%20lunch")
                .redirectErrorStream(true).start();
        String curlOut = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(60, TimeUnit.SECONDS));
        assertEquals("* SEARCH 3", curlOut.strip(), curlOut);
        String script = """
                import imaplib, sys
                m = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
                m.login(sys.argv[3], sys.argv[4])
                m.select("INBOX")
                m.literal = "Schönen".encode()  # sent as a literal after the other arguments
                typ, data = m.uid("SEARCH", "CHARSET", "UTF-8", "BODY")
                assert data == [b"2"], data
                typ, data = m.search(None, "OR", "SUBJECT", "invoice", "NOT", "FROM", "ann")
                assert data == [b"1 2"], data
                m.uid("SEARCH", "RETURN", "(MIN MAX COUNT)", "FROM", "ann")
                typ, data = m.response("ESEARCH")
                assert data[0].endswith(b" UID MIN 1 MAX 3 COUNT 2"), data
                m.logout()
                print("OK")
                """;
        Process python = new ProcessBuilder("python3", "-c", script, ServerUnderTest.HOST,
                Integer.toString(ServerUnderTest.IMAP), user, PASSWORD).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), out);
        assertEquals("OK", out.strip());
    }

    /**
     * BODY goes to the index (TextIndex), whose answers stay those of RFC 3501: a substring
     * inside a word, several words with what lies between them, a string with no word at all;
     * messages delivered after the folder was first searched are found too.
     */
    @Test
    void indexedBodySearchStaysAnExactSubstringSearch() throws Exception {
        String user = mailboxWithMessages("indexed");
        try (LineClient imap = LineClient.imapLogin(user, PASSWORD)) {
            imap.imap("b", "SELECT INBOX");
            assertEquals("* SEARCH 1 3", imap.imap("c", "SEARCH BODY FRIDAY").get(0));
            try (var files = java.nio.file.Files.list(ServerUnderTest.serverDir().resolve("search-index"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("segments_")), "the index was written");
            }
            assertEquals("* SEARCH 1 3", imap.imap("d", "SEARCH BODY rida").get(0), "inside a word");
            assertEquals("* SEARCH 3", imap.imap("e", "SEARCH BODY \"day at no\"").get(0), "across words");
            assertEquals("* SEARCH", imap.imap("f", "SEARCH BODY \"friday noon\"").get(0), "both words, not together");
            assertEquals("* SEARCH 3", imap.imap("g", "SEARCH BODY \"noon?\"").get(0), "a word and punctuation");
            assertEquals("* SEARCH 3", imap.imap("h", "SEARCH BODY ?").get(0), "no word at all: the messages are read");
            assertEquals("* SEARCH 1 2", imap.imap("i", "SEARCH OR TEXT pay BODY tag").get(0));
            try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
                assertTrue(smtp.send("s@outside.example", List.of(user),
                        "Subject: later\r\n\r\nSee you Friday.\r\n".getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
            }
            assertTrue(imap.imap("j", "NOOP").contains("* 4 EXISTS"));
            assertEquals("* SEARCH 1 3 4", imap.imap("k", "UID SEARCH BODY friday").get(0), "indexed at the next search");
            imap.imap("l", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            imap.imap("m", "EXPUNGE");
            assertEquals("* SEARCH 2 3", imap.imap("n", "SEARCH BODY friday").get(0), "the expunged one is gone");
        }
    }
}
