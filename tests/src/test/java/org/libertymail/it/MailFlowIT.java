package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end with Jakarta Mail: SMTP in, POP3 and IMAP4 out, against the running server. */
class MailFlowIT {
    private static final String DOMAIN = "flow.it.test";
    private static final String PASSWORD = "correct horse battery";
    private static final Session MAIL = ServerUnderTest.mailSession();

    @BeforeAll
    static void createMailboxes() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox("alice@" + DOMAIN, PASSWORD);
        ServerUnderTest.createMailbox("bob@" + DOMAIN, PASSWORD);
        ServerUnderTest.createMailbox("carol@" + DOMAIN, PASSWORD);
    }

    @Test
    void messageSentOverSmtpReadsBackByteForByteOverPop3AndImap() throws Exception {
        MimeMessage sent = message("alice@" + DOMAIN, "Flow " + UUID.randomUUID(),
                "Hello Alice,\r\n.a line that starts with a dot\r\n..and one with two\r\nBye\r\n");
        Transport.send(sent);
        byte[] sentBytes = bytes(sent);

        byte[] overPop3 = readLastOverPop3("alice@" + DOMAIN, false);
        byte[] overImap = readLastOverImap("alice@" + DOMAIN);

        assertArrayEquals(overPop3, overImap, "POP3 and IMAP return the same stored bytes");
        String stored = new String(overImap, StandardCharsets.ISO_8859_1);
        assertTrue(stored.startsWith("Received: from client.it.test ([127.0.0.1])\r\n"), stored);
        assertArrayEquals(sentBytes, Arrays.copyOfRange(overImap, overImap.length - sentBytes.length, overImap.length),
                "after the trace header the message is exactly what the client sent");
    }

    @Test
    void anInternationalSenderDeliversWithSmtpUtf8() throws Exception {
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            c.smtpReply();
            assertTrue(c.ehlo().contains("250-SMTPUTF8"));
            assertTrue(c.command("MAIL FROM:<jos\u00e9@exemple.fr>").startsWith("553 5.6.7"));
            assertEquals("250 2.1.0 Ok", c.command("MAIL FROM:<jos\u00e9@exemple.fr> SMTPUTF8"));
            assertEquals("250 2.1.5 Ok", c.command("RCPT TO:<carol@" + DOMAIN + ">"));
            assertTrue(c.command("DATA").startsWith("354"));
            assertTrue(c.command("From: jos\u00e9@exemple.fr\r\nSubject: caf\u00e9 \u2615\r\n\r\nbonjour\r\n.").startsWith("250 2.0.0 Ok"));
        }
        String stored = new String(ServerUnderTest.lastOverImap("carol@" + DOMAIN, PASSWORD), StandardCharsets.UTF_8);
        assertTrue(stored.contains(" with UTF8SMTP id ") && stored.contains("Subject: caf\u00e9 \u2615\r\n"), stored);
    }

    @Test
    void oneCopyIsStoredForEachRecipient() throws Exception {
        MimeMessage sent = message("bob@" + DOMAIN, "Both " + UUID.randomUUID(), "For two\r\n");
        sent.addRecipient(Message.RecipientType.CC, new InternetAddress("carol@" + DOMAIN));
        Transport.send(sent);
        byte[] sentBytes = bytes(sent);
        for (String rcpt : new String[] {"bob@" + DOMAIN, "carol@" + DOMAIN}) {
            byte[] stored = readLastOverImap(rcpt);
            assertArrayEquals(sentBytes, Arrays.copyOfRange(stored, stored.length - sentBytes.length, stored.length), rcpt);
        }
    }

    @Test
    void deletingOverPop3RemovesTheMessageForImap() throws Exception {
        String dave = "dave@" + DOMAIN;
        ServerUnderTest.createMailbox(dave, PASSWORD);
        Transport.send(message(dave, "Doomed", "Delete me\r\n"));
        assertEquals(1, imapCount(dave));

        readLastOverPop3(dave, true); // marks DELE, applied at QUIT

        assertEquals(0, imapCount(dave));
    }

    @Test
    void unknownLocalRecipientIsRefusedWith550_511() throws Exception {
        SMTPAddressFailedException refused = refusedRecipient("nobody@" + DOMAIN);
        assertEquals(550, refused.getReturnCode());
        assertTrue(refused.getMessage().contains("5.1.1"), refused.getMessage());
    }

    @Test
    void relayToForeignDomainIsRefusedWith550_571() throws Exception {
        SMTPAddressFailedException refused = refusedRecipient("someone@elsewhere.example");
        assertEquals(550, refused.getReturnCode());
        assertTrue(refused.getMessage().contains("5.7.1"), refused.getMessage());
    }

    private static SMTPAddressFailedException refusedRecipient(String address) throws Exception {
        MimeMessage msg = message(address, "Refused", "Nope\r\n");
        SendFailedException failure;
        try (Transport transport = MAIL.getTransport("smtp")) {
            transport.connect();
            failure = assertThrows(SendFailedException.class,
                    () -> transport.sendMessage(msg, new Address[] {new InternetAddress(address)}));
        }
        assertEquals(1, failure.getInvalidAddresses().length);
        return assertInstanceOf(SMTPAddressFailedException.class, failure.getNextException());
    }

    private static MimeMessage message(String to, String subject, String text) throws Exception {
        MimeMessage msg = new MimeMessage(MAIL);
        msg.setFrom(new InternetAddress("sender@outside.example"));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        msg.setSubject(subject);
        msg.setText(text, "UTF-8");
        msg.saveChanges();
        return msg;
    }

    private static byte[] bytes(MimeMessage msg) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        msg.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] readLastOverPop3(String user, boolean delete) throws Exception {
        try (Store store = MAIL.getStore("pop3")) {
            store.connect(user, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message last = inbox.getMessage(inbox.getMessageCount());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            last.writeTo(out);
            if (delete) {
                last.setFlag(Flags.Flag.DELETED, true);
            }
            inbox.close(true);
            return out.toByteArray();
        }
    }

    private static byte[] readLastOverImap(String user) throws Exception {
        return ServerUnderTest.lastOverImap(user, PASSWORD);
    }

    private static int imapCount(String user) throws Exception {
        try (Store store = MAIL.getStore("imap")) {
            store.connect(user, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            inbox.close(false);
            return count;
        }
    }
}
