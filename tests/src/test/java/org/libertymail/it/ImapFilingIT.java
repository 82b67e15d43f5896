package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMAP APPEND, COPY and MOVE with UIDPLUS (RFC 3501, 6851, 4315): what a client does to save its
 * sent mail, file a message or throw it away, with Jakarta Mail's IMAP provider and raw lines.
 */
class ImapFilingIT {
    private static final String DOMAIN = "filing.it.test";
    private static final String PASSWORD = "filing-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    private static byte[] bytes(Message m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    /** One message per subject, in order, over SMTP. */
    private static void deliver(String user, String... subjects) throws Exception {
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            for (String subject : subjects) {
                byte[] message = ("Subject: " + subject + "\r\n\r\nbody of " + subject + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                assertTrue(smtp.send("s@outside.example", List.of(user), message).startsWith("250 "));
            }
        }
    }

    /** A raw IMAP connection, logged in as {@code user} with INBOX selected; tags a and b are used. */
    private static LineClient inboxSelected(String user) throws Exception {
        LineClient imap = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP);
        imap.line();
        imap.write("a LOGIN " + user + " " + PASSWORD + "\r\nb SELECT INBOX\r\n");
        imap.tagged("b");
        return imap;
    }

    @Test
    void jakartaMailSavesSentMailWithAppendUid() throws Exception {
        String user = ServerUnderTest.createMailbox("sender", DOMAIN, PASSWORD);
        Session session = ServerUnderTest.mailSession();
        MimeMessage sent = new MimeMessage(session);
        sent.setFrom(new InternetAddress(user));
        sent.setRecipient(Message.RecipientType.TO, new InternetAddress("friend@outside.example"));
        sent.setSubject("saved copy");
        sent.setText("what I sent\r\n");
        sent.setFlag(Flags.Flag.SEEN, true);
        sent.saveChanges();
        try (Store store = session.getStore("imap")) {
            store.connect(user, PASSWORD);
            IMAPFolder folder = (IMAPFolder) store.getFolder("Sent");
            AppendUID[] placed = folder.appendUIDMessages(new Message[] {sent});
            assertEquals(1, placed.length);
            assertEquals(1, placed[0].uid);
            folder.open(Folder.READ_ONLY);
            assertEquals(placed[0].uidvalidity, folder.getUIDValidity());
            Message stored = folder.getMessageByUID(placed[0].uid);
            assertEquals("saved copy", stored.getSubject());
            assertTrue(stored.isSet(Flags.Flag.SEEN));
            assertArrayEquals(bytes(sent), bytes(stored));
            folder.close(false);
        }
    }

    @Test
    void copiesShareTheBodyAndOutliveTheOriginal() throws Exception {
        String user = ServerUnderTest.createMailbox("copier", DOMAIN, PASSWORD);
        deliver(user, "keep me");
        try (LineClient imap = inboxSelected(user)) {
            imap.write("c COPY 1 Archive\r\n");
            String copied = imap.tagged("c");
            assertTrue(copied.matches("c OK \\[COPYUID \\d+ 1 1\\] COPY completed"), copied);
            imap.write("d STORE 1 +FLAGS.SILENT (\\Deleted)\r\ne EXPUNGE\r\n");
            imap.tagged("e");
        }
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            Folder archive = store.getFolder("Archive");
            archive.open(Folder.READ_ONLY);
            assertEquals(1, archive.getMessageCount());
            assertEquals("keep me", archive.getMessage(1).getSubject());
            assertTrue(new String(bytes(archive.getMessage(1)), StandardCharsets.US_ASCII).endsWith("body of keep me\r\n"));
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(0, inbox.getMessageCount());
        }
    }

    @Test
    void moveAnnouncesCopyUidAndExpungesAndJakartaMailMoves() throws Exception {
        String user = ServerUnderTest.createMailbox("mover", DOMAIN, PASSWORD);
        deliver(user, "one", "two", "three");
        try (LineClient imap = inboxSelected(user)) {
            imap.write("c UID MOVE 1,3 Trash\r\n");
            List<String> lines = new ArrayList<>();
            String l;
            while (!(l = imap.line()).startsWith("c ")) {
                lines.add(l);
            }
            assertEquals("c OK MOVE completed", l);
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.get(0).matches("\\* OK \\[COPYUID \\d+ 1,3 1:2\\]"), lines.get(0));
            assertEquals(List.of("* 3 EXPUNGE", "* 1 EXPUNGE"), lines.subList(1, 3));
        }
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertEquals(1, inbox.getMessageCount());
            inbox.moveMessages(new Message[] {inbox.getMessage(1)}, store.getFolder("Archive"));
            inbox.close(false);
            inbox.open(Folder.READ_ONLY);
            assertEquals(0, inbox.getMessageCount());
            Folder trash = store.getFolder("Trash");
            trash.open(Folder.READ_ONLY);
            assertEquals(List.of("one", "three"), List.of(trash.getMessage(1).getSubject(), trash.getMessage(2).getSubject()));
            Folder archive = store.getFolder("Archive");
            archive.open(Folder.READ_ONLY);
            assertEquals("two", archive.getMessage(1).getSubject());
        }
    }

    @Test
    void uidExpungeRemovesOnlyTheNamedDeletedMessages() throws Exception {
        String user = ServerUnderTest.createMailbox("expunger", DOMAIN, PASSWORD);
        deliver(user, "a", "b", "c");
        try (LineClient imap = inboxSelected(user)) {
            imap.write("c STORE 1:3 +FLAGS.SILENT (\\Deleted)\r\n");
            imap.tagged("c");
            imap.write("d UID EXPUNGE 2\r\n");
            assertEquals("* 2 EXPUNGE", imap.line());
            assertEquals("d OK EXPUNGE completed", imap.line());
            imap.write("e UID FETCH 1:* FLAGS\r\n");
            String first = imap.line();
            String second = imap.line();
            assertTrue(first.startsWith("* 1 FETCH (") && first.contains("UID 1") && first.contains("\\Deleted"), first);
            assertTrue(second.startsWith("* 2 FETCH (") && second.contains("UID 3") && second.contains("\\Deleted"), second);
        }
    }

    @Test
    void appendOverQuotaOrToAMissingFolderIsRefused() throws Exception {
        String user = ServerUnderTest.createMailbox("full", DOMAIN, PASSWORD);
        HttpResponse<String> patched = ServerUnderTest.admin("PATCH", "/mailboxes/" + user, "{\"quotaMessages\":1}");
        assertEquals(200, patched.statusCode(), patched.body());
        try (LineClient imap = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            imap.line();
            imap.write("a LOGIN " + user + " " + PASSWORD + "\r\n");
            imap.tagged("a");
            imap.write("b APPEND Drafts {6}\r\n");
            assertTrue(imap.line().startsWith("+ "), "synchronizing literal: continuation first");
            imap.write("draft\r\n");
            assertTrue(imap.tagged("b").matches("b OK \\[APPENDUID \\d+ 1\\] APPEND completed"));
            imap.write("c APPEND Drafts {6+}\r\ndraft\r\n");
            assertEquals("c NO [OVERQUOTA] Mailbox is full", imap.tagged("c"));
            imap.write("d APPEND Nowhere {6+}\r\ndraft\r\n");
            assertEquals("d NO [TRYCREATE] Mailbox does not exist", imap.tagged("d"));
        }
    }
}
