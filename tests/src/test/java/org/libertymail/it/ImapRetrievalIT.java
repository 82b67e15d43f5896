package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Set-ImapSettings' MessageRetrievalMimeFormat and EnableExactRFC822Size, per service and per
 * mailbox, read by Jakarta Mail's IMAP client.
 */
class ImapRetrievalIT {
    private static final String USER = "iris@imapformat.it.test";
    private static final String PASSWORD = "imap-format-1";

    @BeforeAll
    static void mailbox() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain("imapformat.it.test");
        ServerUnderTest.createMailbox(USER, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(smtp.send("sender@outside.example", List.of(USER),
                    Pop3RetrievalIT.BOTH.getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
        }
    }

    /** RFC822.SIZE, the bytes BODY[] sends, the content type and the text, of the message. */
    private static Object[] read() throws Exception {
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(USER, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message m = inbox.getMessage(1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            Object[] result = {m.getSize(), out.size(), m.getContentType(), out.toString(StandardCharsets.UTF_8)};
            inbox.close(false);
            return result;
        }
    }

    @Test
    void theServiceFormatIsServedWithExactOrStoredSizes() throws Exception {
        int stored = (int) read()[0]; // as received, with the Received header SMTP added
        assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap",
                "{\"messageRetrievalMimeFormat\":\"TextOnly\",\"enableExactRFC822Size\":true}").statusCode());
        try {
            Object[] exact = read();
            assertTrue(((String) exact[2]).toLowerCase().startsWith("text/plain"), "served as text only: " + exact[2]);
            assertTrue(((String) exact[3]).contains("Plain words") && !((String) exact[3]).contains("HTML words"));
            assertEquals(exact[1], exact[0], "exact: RFC822.SIZE is what BODY[] sends");

            assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER,
                    "{\"imap\":{\"enableExactRFC822Size\":false}}").statusCode());
            Object[] estimated = read();
            assertEquals(stored, estimated[0], "the mailbox's own setting: the stored size stands for the served one");
            assertTrue((int) estimated[1] < stored);

            assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER,
                    "{\"imap\":{\"messageRetrievalMimeFormat\":\"BestBodyFormat\",\"enableExactRFC822Size\":null}}").statusCode());
            Object[] asReceived = read();
            assertTrue(((String) asReceived[2]).toLowerCase().startsWith("multipart/alternative"), "the mailbox's own format");
            assertEquals(stored, asReceived[0]);
        } finally {
            assertEquals(200, ServerUnderTest.admin("PATCH", "/protocols/imap",
                    "{\"messageRetrievalMimeFormat\":\"BestBodyFormat\",\"enableExactRFC822Size\":false}").statusCode());
            assertEquals(200, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER,
                    "{\"imap\":{\"messageRetrievalMimeFormat\":null}}").statusCode());
        }
        assertEquals(400, ServerUnderTest.admin("PATCH", "/mailboxes/" + USER, "{\"imap\":{\"messageRetrievalMimeFormat\":\"Rtf\"}}")
                .statusCode());
    }
}
