package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ENVELOPE, BODYSTRUCTURE and BODY[part] (RFC 3501 6.4.5, 7.4.2) as mail readers use them: a
 * list of headers first, then the parts a user opens, never the whole message.
 */
class ImapMessageStructureIT {
    private static final String DOMAIN = "structure.it.test";
    private static final String PASSWORD = "structure-secret";

    @BeforeAll
    static void createDomain() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
    }

    /** text + HTML alternative, a PDF attachment and a forwarded message, sent with Jakarta Mail over SMTP. */
    private static void sendMultipart(String to) throws Exception {
        Session session = ServerUnderTest.mailSession();
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("plain words\r\n", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>html words</p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setContent(new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7'}, "application/pdf");
        pdf.setFileName("report.pdf");
        pdf.setDisposition(Part.ATTACHMENT);
        MimeMessage inner = new MimeMessage(session);
        inner.setFrom(new InternetAddress("origin@outside.example", "Origin Sender"));
        inner.setSubject("the forwarded one");
        inner.setText("forwarded text\r\n");
        inner.saveChanges();
        MimeBodyPart forwarded = new MimeBodyPart();
        forwarded.setContent(inner, "message/rfc822");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(pdf);
        mixed.addBodyPart(forwarded);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("ann@outside.example", "Ann Example"));
        m.setRecipients(Message.RecipientType.TO, new InternetAddress[] {new InternetAddress(to),
            new InternetAddress("other@outside.example")});
        m.setRecipient(Message.RecipientType.CC, new InternetAddress("copy@outside.example"));
        m.setSubject("Quarterly report");
        m.setContent(mixed);
        Transport.send(m, new InternetAddress[] {new InternetAddress(to)}); // the others are only named in the header
    }

    @Test
    void jakartaMailReadsHeadersAndPartsWithoutTheWholeMessage() throws Exception {
        String user = ServerUnderTest.createMailbox("reader", DOMAIN, PASSWORD);
        sendMultipart(user);
        try (Store store = ServerUnderTest.mailSession().getStore("imap")) {
            store.connect(user, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            inbox.fetch(messages, profile); // FETCH (ENVELOPE INTERNALDATE RFC822.SIZE BODYSTRUCTURE ...)
            Message m = messages[0];
            assertEquals("Quarterly report", m.getSubject());
            assertEquals("Ann Example", ((InternetAddress) m.getFrom()[0]).getPersonal());
            assertEquals(2, m.getRecipients(Message.RecipientType.TO).length);
            assertEquals("copy@outside.example", ((InternetAddress) m.getRecipients(Message.RecipientType.CC)[0]).getAddress());
            assertTrue(m.isMimeType("multipart/mixed"));
            Multipart mixed = (Multipart) m.getContent();
            assertEquals(3, mixed.getCount());
            Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
            assertEquals("plain words\r\n", alternative.getBodyPart(0).getContent()); // BODY[1.1]
            assertEquals("<p>html words</p>", alternative.getBodyPart(1).getContent()); // BODY[1.2]
            Part pdf = mixed.getBodyPart(1);
            assertEquals("report.pdf", pdf.getFileName());
            assertEquals(Part.ATTACHMENT, pdf.getDisposition());
            assertEquals(8, pdf.getSize());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            pdf.getInputStream().transferTo(bytes);
            assertEquals("%PDF-1.7", bytes.toString(StandardCharsets.US_ASCII));
            Message forwarded = (Message) mixed.getBodyPart(2).getContent();
            assertEquals("the forwarded one", forwarded.getSubject());
            assertEquals("forwarded text\r\n", forwarded.getContent());
            inbox.close(false);
        }
    }

    @Test
    void pythonImaplibSeesTheStructureAndCutsParts() throws Exception {
        String user = ServerUnderTest.createMailbox("python", DOMAIN, PASSWORD);
        sendMultipart(user);
        Path script = Files.createTempFile("imap-structure", ".py");
        Files.writeString(script, """
                import imaplib, re, sys
                host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
                m = imaplib.IMAP4(host, port)
                m.login(user, password)
                m.select("INBOX", readonly=True)
                typ, data = m.fetch("1", "(ENVELOPE)")
                env = data[0].decode()
                assert '"Quarterly report"' in env, env
                assert '(("Ann Example" NIL "ann" "outside.example"))' in env, env
                typ, data = m.fetch("1", "(BODYSTRUCTURE)")
                bs = data[0].decode()
                assert '"alternative"' in bs and '"mixed"' in bs, bs
                assert '("attachment" ("filename" "report.pdf"))' in bs, bs
                assert '"message" "rfc822"' in bs and '"the forwarded one"' in bs, bs
                typ, data = m.fetch("1", "(BODY.PEEK[2] BODY.PEEK[3.HEADER.FIELDS (SUBJECT)] BODY.PEEK[1.2.MIME])")
                parts = {re.search(r"BODY\\[([^]]*)\\]", item[0].decode()).group(1): item[1] for item in data if isinstance(item, tuple)}
                assert parts["2"] == b"%PDF-1.7", parts
                assert parts["3.HEADER.FIELDS (SUBJECT)"] == b"Subject: the forwarded one\\r\\n\\r\\n", parts
                assert b"text/html" in parts["1.2.MIME"], parts
                typ, data = m.fetch("1", "(BODY.PEEK[4])")
                assert data[0] == b'1 (BODY[4] NIL)', data
                typ, data = m.fetch("1", "(FLAGS)")
                assert b"Seen" not in data[0], data
                m.logout()
                print("OK")
                """);
        Process p = new ProcessBuilder("python3", script.toString(), ServerUnderTest.HOST,
                Integer.toString(ServerUnderTest.IMAP), user, PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("OK"), out.strip().lines().toList());
    }
}
