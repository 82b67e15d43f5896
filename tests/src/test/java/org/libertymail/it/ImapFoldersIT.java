package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMAP folder management (RFC 3501 CREATE, DELETE, RENAME, SUBSCRIBE, LSUB; RFC 6154 special-use
 * folders; RFC 3348 children) with Python's imaplib and curl, and raw lines where the exact
 * responses matter.
 */
class ImapFoldersIT {
    private static final String DOMAIN = "folders.it.test";
    private static final String PASSWORD = "folders-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    private static LineClient login(String user) throws Exception {
        return LineClient.imapLogin(user, PASSWORD);
    }

    private static List<String> run(LineClient imap, String tag, String command) throws Exception {
        return imap.imap(tag, command);
    }

    private static String output(Process p) throws Exception {
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void pythonImaplibCreatesRenamesSubscribesAndDeletesFolders() throws Exception {
        String user = ServerUnderTest.createMailbox("python", DOMAIN, PASSWORD);
        Path script = Files.createTempFile("imap-folders", ".py");
        Files.writeString(script, """
                import imaplib, sys
                host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
                m = imaplib.IMAP4(host, port)
                m.login(user, password)
                typ, ns = m.namespace()
                assert ns == [b'(("" "/")) NIL (("Public Folders/" "/"))'], ns
                typ, boxes = m.list()
                names = b"\\n".join(boxes).decode()
                for use in ("\\\\Sent", "\\\\Drafts", "\\\\Trash", "\\\\Junk", "\\\\Archive"):
                    assert use in names, names
                assert m.create("Work/Reports")[0] == "OK"
                typ, boxes = m.list('""', "Work*")
                assert boxes == [b'(\\\\HasChildren) "/" "Work"', b'(\\\\HasNoChildren) "/" "Work/Reports"'], boxes
                assert m.rename("Work", "Projects")[0] == "OK"
                typ, boxes = m.list('""', "Projects/%")
                assert boxes == [b'(\\\\HasNoChildren) "/" "Projects/Reports"'], boxes
                assert m.subscribe("Projects/Reports")[0] == "OK"
                typ, subs = m.lsub('""', "Projects*")
                assert subs == [b'() "/" "Projects/Reports"'], subs
                assert m.delete("Projects")[0] == "NO"
                assert m.delete("Projects/Reports")[0] == "OK"
                assert m.delete("Projects")[0] == "OK"
                typ, boxes = m.list('""', "Projects*")
                assert boxes == [None], boxes
                m.logout()
                print("OK")
                """);
        Process p = new ProcessBuilder("python3", script.toString(), ServerUnderTest.HOST,
                Integer.toString(ServerUnderTest.IMAP), user, PASSWORD).redirectErrorStream(true).start();
        String out = output(p);
        assertEquals(0, p.exitValue(), out);
        assertEquals("OK", out.strip());
    }

    @Test
    void curlListsTheFoldersWithTheirSpecialUse() throws Exception {
        String user = ServerUnderTest.createMailbox("curl", DOMAIN, PASSWORD);
        Process p = new ProcessBuilder("curl", "-sS", "--user", user + ":" + PASSWORD,
                "imap://" + ServerUnderTest.HOST + ":" + ServerUnderTest.IMAP + "/").redirectErrorStream(true).start();
        String out = output(p);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("* LIST (\\HasNoChildren) \"/\" \"INBOX\""), out);
        assertTrue(out.contains("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\""), out);
        assertTrue(out.contains("* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\""), out);
    }

    @Test
    void renameInboxMovesItsMessagesAndLeavesItEmpty() throws Exception {
        String user = ServerUnderTest.createMailbox("renamer", DOMAIN, PASSWORD);
        byte[] message = "Subject: inbox\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(user), message).startsWith("250 "));
            assertTrue(smtp.send("s@outside.example", List.of(user), message).startsWith("250 "));
        }
        try (LineClient imap = login(user)) {
            assertEquals(List.of("b OK RENAME completed"), run(imap, "b", "RENAME INBOX Saved"));
            assertTrue(run(imap, "c", "SELECT Saved").contains("* 2 EXISTS"));
            assertTrue(run(imap, "d", "SELECT INBOX").contains("* 0 EXISTS"));
        }
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("s@outside.example", List.of(user), message).startsWith("250 "));
        }
        try (LineClient imap = login(user)) {
            List<String> selected = run(imap, "b", "SELECT INBOX");
            assertTrue(selected.contains("* 1 EXISTS"), selected.toString());
            List<String> uid = run(imap, "c", "FETCH 1 UID");
            assertEquals("* 1 FETCH (UID 3)", uid.get(0), "UIDs keep ascending in the emptied INBOX");
        }
    }

    @Test
    void aFolderCreatedAgainHasANewUidValidity() throws Exception {
        String user = ServerUnderTest.createMailbox("validity", DOMAIN, PASSWORD);
        try (LineClient imap = login(user)) {
            assertEquals(List.of("b OK CREATE completed"), run(imap, "b", "CREATE Again"));
            long first = uidValidity(run(imap, "c", "STATUS Again (UIDVALIDITY)").get(0));
            assertEquals(List.of("d OK DELETE completed"), run(imap, "d", "DELETE Again"));
            assertEquals(List.of("e OK CREATE completed"), run(imap, "e", "CREATE Again"));
            long second = uidValidity(run(imap, "f", "STATUS Again (UIDVALIDITY)").get(0));
            assertNotEquals(first, second);
        }
    }

    @Test
    void twoSessionsCreatingOneFolderAtOnceGetOneOkAndOneAlreadyExists() throws Exception {
        String user = ServerUnderTest.createMailbox("racer", DOMAIN, PASSWORD);
        try (LineClient one = login(user); LineClient two = login(user)) {
            one.write("x CREATE Shared/Race\r\n");
            two.write("y CREATE Shared/Race\r\n");
            List<String> answers = List.of(one.tagged("x"), two.tagged("y"));
            assertEquals(1, answers.stream().filter(a -> a.endsWith("OK CREATE completed")).count(), answers.toString());
            assertEquals(1, answers.stream().filter(a -> a.contains("NO [ALREADYEXISTS]")).count(), answers.toString());
            assertEquals(List.of("* LIST (\\HasChildren) \"/\" \"Shared\"", "z OK LIST completed"),
                    run(one, "z", "LIST \"\" Shared"));
        }
    }

    private static long uidValidity(String statusLine) {
        Matcher m = Pattern.compile("UIDVALIDITY (\\d+)").matcher(statusLine);
        assertTrue(m.find(), statusLine);
        return Long.parseLong(m.group(1));
    }
}
