package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CONDSTORE and QRESYNC (RFC 7162) with Jakarta Mail's IMAP provider: a client that was away
 * learns, on opening the folder, exactly which messages vanished and which changed flags.
 */
class ImapResyncIT {
    private static final String DOMAIN = "resync.it.test";
    private static final String PASSWORD = "resync-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    @Test
    void jakartaMailResynchronizesWithQresync() throws Exception {
        String user = ServerUnderTest.createMailbox("resync", DOMAIN, PASSWORD);
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            for (int i = 1; i <= 3; i++) {
                assertTrue(smtp.send("s@outside.example", List.of(user),
                        ("Subject: " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)).startsWith("250 "));
            }
        }
        long uidValidity;
        long modseq;
        try (IMAPStore store = (IMAPStore) ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            assertTrue(store.hasCapability("CONDSTORE") && store.hasCapability("QRESYNC"));
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            uidValidity = inbox.getUIDValidity();
            modseq = inbox.getHighestModSeq();
            assertTrue(modseq > 1, "HIGHESTMODSEQ " + modseq);
            long before = ((IMAPMessage) inbox.getMessage(2)).getModSeq();
            inbox.getMessage(2).setFlag(Flags.Flag.FLAGGED, true);
            assertTrue(((IMAPMessage) inbox.getMessage(2)).getModSeq() > before);
            inbox.close(false);
        }
        // While the client is away: another session flags one message and removes another.
        try (LineClient other = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            other.line();
            other.write("a LOGIN " + user + " " + PASSWORD + "\r\nb SELECT INBOX\r\n"
                    + "c UID STORE 1 +FLAGS (\\Deleted)\r\nd EXPUNGE\r\ne UID STORE 3 +FLAGS (\\Answered)\r\n");
            other.tagged("e");
        }
        try (IMAPStore store = (IMAPStore) ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            List<MailEvent> events = inbox.open(Folder.READ_WRITE, new ResyncData(uidValidity, modseq));
            long[] vanished = events.stream().filter(MessageVanishedEvent.class::isInstance)
                    .flatMapToLong(e -> Arrays.stream(((MessageVanishedEvent) e).getUIDs())).toArray();
            assertEquals(List.of(1L), Arrays.stream(vanished).boxed().toList(), events.toString());
            List<Long> changed = events.stream().filter(MessageChangedEvent.class::isInstance)
                    .map(e -> {
                        try {
                            return inbox.getUID(((MessageChangedEvent) e).getMessage());
                        } catch (jakarta.mail.MessagingException x) {
                            throw new IllegalStateException(x);
                        }
                    }).sorted().toList();
            assertEquals(List.of(2L, 3L), changed, events.toString());
            assertEquals(2, inbox.getMessageCount());
            assertTrue(inbox.getMessageByUID(3).isSet(Flags.Flag.ANSWERED));
            inbox.close(false);
        }
    }
}
