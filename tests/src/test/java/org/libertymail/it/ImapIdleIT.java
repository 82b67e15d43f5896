package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMAP IDLE (RFC 2177): a client that waits is told of new mail, of flags set and of messages
 * expunged by others as it happens, without asking.
 */
class ImapIdleIT {
    private static final String DOMAIN = "idle.it.test";
    private static final String PASSWORD = "idle-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    private static String deliver(String user, String subject) throws Exception {
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            return smtp.send("s@outside.example", List.of(user),
                    ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static LineClient idling(String user) throws Exception {
        LineClient imap = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP);
        imap.line();
        imap.write("a LOGIN " + user + " " + PASSWORD + "\r\nb SELECT INBOX\r\n");
        imap.tagged("b");
        assertEquals("+ idling", imap.command("c IDLE"));
        return imap;
    }

    @Test
    void idleClientsHearOfDeliveriesFlagsAndExpungesAtOnce() throws Exception {
        String user = ServerUnderTest.createMailbox("raw", DOMAIN, PASSWORD);
        deliver(user, "first");
        try (LineClient idle = idling(user); LineClient other = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            long before = System.nanoTime();
            assertTrue(deliver(user, "second").startsWith("250 "));
            assertEquals("* 2 EXISTS", idle.line());
            assertEquals("* 2 RECENT", idle.line());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertTrue(millis < 2_000, "told " + millis + " ms after the delivery began");

            other.line();
            other.write("a LOGIN " + user + " " + PASSWORD + "\r\nb SELECT INBOX\r\n");
            other.tagged("b");
            assertTrue(other.command("c STORE 1 +FLAGS.SILENT (\\Flagged)").startsWith("c OK"));
            assertEquals("* 1 FETCH (FLAGS (\\Flagged \\Recent))", idle.line());
            other.write("d STORE 1 +FLAGS.SILENT (\\Deleted)\r\ne EXPUNGE\r\n");
            other.tagged("e");
            String flags = idle.line();
            assertTrue(flags.startsWith("* 1 FETCH (FLAGS (") || flags.equals("* 1 EXPUNGE"), flags);
            if (!flags.equals("* 1 EXPUNGE")) {
                assertEquals("* 1 EXPUNGE", idle.line());
            }
            assertEquals("c OK IDLE terminated", idle.command("DONE"));
            assertEquals("d OK NOOP completed", idle.command("d NOOP"));
        }
    }

    @Test
    void manyIdleClientsAreAllToldOfOneDelivery() throws Exception {
        String user = ServerUnderTest.createMailbox("many", DOMAIN, PASSWORD);
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                clients.add(idling(user));
            }
            assertTrue(deliver(user, "for everyone").startsWith("250 "));
            for (LineClient c : clients) {
                assertEquals("* 1 EXISTS", c.line());
            }
        } finally {
            for (LineClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void jakartaMailIdleSeesNewMessages() throws Exception {
        String user = ServerUnderTest.createMailbox("jakarta", DOMAIN, PASSWORD);
        BlockingQueue<Integer> added = new ArrayBlockingQueue<>(4);
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    added.add(e.getMessages().length);
                }
            });
            Thread idler = new Thread(() -> {
                try {
                    inbox.idle(true); // returns after the first change
                } catch (jakarta.mail.MessagingException e) {
                    added.add(-1);
                }
            });
            idler.start();
            Thread.sleep(500); // let IDLE begin: a delivery before it is seen by the next command instead
            assertTrue(deliver(user, "to the idler").startsWith("250 "));
            assertEquals(1, added.poll(10, TimeUnit.SECONDS));
            idler.join(10_000);
            assertEquals(1, inbox.getMessageCount());
            assertEquals("to the idler", inbox.getMessage(1).getSubject());
            inbox.close(false);
        }
    }
}
