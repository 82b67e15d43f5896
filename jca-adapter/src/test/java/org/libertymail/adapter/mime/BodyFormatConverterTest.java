package org.libertymail.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.activation.CommandInfo;
import jakarta.activation.CommandMap;
import jakarta.activation.DataContentHandler;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.RetrievalFormat;

class BodyFormatConverterTest {
    static final String ALTERNATIVE = "From: a@example.com\r\n"
            + "To: b@example.com\r\n"
            + "Subject: both\r\n"
            + "Message-ID: <both@example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Plain version\r\n"
            + "--b1\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\n"
            + "\r\n"
            + "<html><body><p>HTML <b>version</b> &amp; more</p></body></html>\r\n"
            + "--b1--\r\n";

    static final String HTML_WITH_ATTACHMENT = "From: a@example.com\r\n"
            + "Subject: html only\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"m1\"\r\n"
            + "\r\n"
            + "--m1\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "\r\n"
            + "<p>First line<br>second &lt;line&gt;</p><script>no()</script>\r\n"
            + "--m1\r\n"
            + "Content-Type: application/octet-stream; name=data.bin\r\n"
            + "Content-Disposition: attachment; filename=data.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "AAECAwQF\r\n"
            + "--m1--\r\n";

    static final String PLAIN = "From: a@example.com\r\n"
            + "Subject: plain\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Line one <with bracket>\r\n"
            + "Line two\r\n";

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void textOnlyKeepsThePlainAlternativeAndTheHeaders() throws Exception {
        byte[] served = BodyFormatConverter.convert(bytes(ALTERNATIVE), RetrievalFormat.TEXT_ONLY);
        MimeMessage m = parse(served);
        assertTrue(m.isMimeType("text/plain"), m.getContentType());
        assertEquals("Plain version\r\n", m.getContent(), "the part's text, and a message ends with a line break");
        assertEquals("both", m.getSubject());
        assertEquals("<both@example.com>", m.getMessageID(), "the stored message's identity stays");
        assertFalse(new String(served, StandardCharsets.US_ASCII).contains("HTML"));
    }

    @Test
    void htmlOnlyKeepsTheHtmlAlternative() throws Exception {
        MimeMessage m = parse(BodyFormatConverter.convert(bytes(ALTERNATIVE), RetrievalFormat.HTML_ONLY));
        assertTrue(m.isMimeType("text/html"), m.getContentType());
        assertTrue(((String) m.getContent()).contains("<b>version</b>"));
    }

    @Test
    void textOnlyDerivesTextFromHtmlAndKeepsTheAttachment() throws Exception {
        MimeMessage m = parse(BodyFormatConverter.convert(bytes(HTML_WITH_ATTACHMENT), RetrievalFormat.TEXT_ONLY));
        Multipart mixed = (Multipart) m.getContent();
        assertEquals(2, mixed.getCount());
        assertTrue(mixed.getBodyPart(0).isMimeType("text/plain"));
        assertEquals("First line\r\nsecond <line>\r\n", mixed.getBodyPart(0).getContent());
        assertEquals("data.bin", mixed.getBodyPart(1).getFileName());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5}, mixed.getBodyPart(1).getInputStream().readAllBytes());
    }

    @Test
    void htmlAndTextAlternativeIsBuiltFromPlainText() throws Exception {
        MimeMessage m = parse(BodyFormatConverter.convert(bytes(PLAIN), RetrievalFormat.HTML_AND_TEXT_ALTERNATIVE));
        assertTrue(m.isMimeType("multipart/alternative"), m.getContentType());
        Multipart alternatives = (Multipart) m.getContent();
        assertEquals(2, alternatives.getCount());
        assertTrue(alternatives.getBodyPart(0).isMimeType("text/plain"), "plainer first (RFC 2046)");
        assertEquals("Line one <with bracket>\r\nLine two\r\n", alternatives.getBodyPart(0).getContent());
        String html = (String) alternatives.getBodyPart(1).getContent();
        assertTrue(html.contains("Line one &lt;with bracket&gt;<br>"), html);
    }

    @Test
    void enrichedTextDoublesBracketsAndLineBreaks() throws Exception {
        MimeMessage m = parse(BodyFormatConverter.convert(bytes(PLAIN), RetrievalFormat.TEXT_ENRICHED_ONLY));
        assertTrue(m.isMimeType("text/enriched"), m.getContentType());
        String enriched = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("Line one <<with bracket>\r\n\r\nLine two\r\n", enriched);
        assertEquals("Line one <with bracket>\r\nLine two\r\n", EnrichedText.toText(enriched), "and reads back");
    }

    @Test
    void enrichedAndTextAlternativeHasBoth() throws Exception {
        MimeMessage m = parse(BodyFormatConverter.convert(bytes(ALTERNATIVE), RetrievalFormat.TEXT_ENRICHED_AND_TEXT_ALTERNATIVE));
        Multipart alternatives = (Multipart) m.getContent();
        assertTrue(alternatives.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternatives.getBodyPart(1).isMimeType("text/enriched"));
        assertEquals("Plain version", alternatives.getBodyPart(0).getContent());
    }

    @Test
    void convertingTwiceGivesTheSameBytes() {
        for (RetrievalFormat f : RetrievalFormat.values()) {
            for (String message : new String[] {ALTERNATIVE, HTML_WITH_ATTACHMENT, PLAIN}) {
                assertArrayEquals(BodyFormatConverter.convert(bytes(message), f), BodyFormatConverter.convert(bytes(message), f),
                        f + " must be repeatable: LIST tells the size RETR sends");
            }
        }
    }

    @Test
    void aMessageInTheFormatAlreadyOrBestBodyFormatIsServedAsReceived() {
        byte[] plain = bytes(PLAIN);
        assertSame(plain, BodyFormatConverter.convert(plain, RetrievalFormat.TEXT_ONLY));
        assertSame(plain, BodyFormatConverter.convert(plain, RetrievalFormat.BEST_BODY_FORMAT));
        byte[] alternative = bytes(ALTERNATIVE);
        assertSame(alternative, BodyFormatConverter.convert(alternative, RetrievalFormat.HTML_AND_TEXT_ALTERNATIVE));
    }

    @Test
    void aSignedMessageIsNeverTouched() {
        byte[] signed = bytes("Subject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/signed; boundary=s1; "
                + "protocol=\"application/pgp-signature\"\r\n\r\n--s1\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--s1\r\n"
                + "Content-Type: application/pgp-signature\r\n\r\nsig\r\n--s1--\r\n");
        assertSame(signed, BodyFormatConverter.convert(signed, RetrievalFormat.TEXT_ONLY));
    }

    @Test
    void htmlTextDropsMarkupAndKeepsLines() {
        assertEquals("Title\r\n\r\nPara one\r\n\r\n* item\r\nx < y \u00e9\r\n",
                HtmlText.toText("<html><head><title>t</title><style>p{}</style></head><body><h1>Title</h1>\n\n"
                        + "<p>Para\n  one</p><ul><li>item</li></ul>x &lt; y &#233;</body></html>"));
    }

    /** In Liberty the adapter's threads see no Activation handlers; converting must not need them. */
    @Test
    void conversionNeedsNoDataContentHandlers() throws Exception {
        CommandMap none = new CommandMap() {
            @Override
            public CommandInfo[] getPreferredCommands(String mimeType) {
                return new CommandInfo[0];
            }

            @Override
            public CommandInfo[] getAllCommands(String mimeType) {
                return new CommandInfo[0];
            }

            @Override
            public CommandInfo getCommand(String mimeType, String cmdName) {
                return null;
            }

            @Override
            public DataContentHandler createDataContentHandler(String mimeType) {
                return null;
            }
        };
        byte[] served;
        CommandMap.setDefaultCommandMap(none);
        try {
            served = BodyFormatConverter.convert(bytes(HTML_WITH_ATTACHMENT), RetrievalFormat.HTML_AND_TEXT_ALTERNATIVE);
        } finally {
            CommandMap.setDefaultCommandMap(null);
        }
        MimeMessage m = parse(served);
        Multipart alternatives = (Multipart) ((Multipart) m.getContent()).getBodyPart(0).getContent();
        assertEquals("First line\r\nsecond <line>\r\n", alternatives.getBodyPart(0).getContent());
        assertTrue(alternatives.getBodyPart(1).isMimeType("text/html"));
    }

    @Test
    void nonAsciiTextIsQuotedPrintableUtf8() throws Exception {
        byte[] html = ("Subject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>caf\u00e9</p>\r\n")
                .getBytes(StandardCharsets.UTF_8);
        MimeMessage m = parse(BodyFormatConverter.convert(html, RetrievalFormat.TEXT_ONLY));
        assertEquals("quoted-printable", m.getEncoding());
        assertEquals("caf\u00e9\r\n", m.getContent());
    }
}
