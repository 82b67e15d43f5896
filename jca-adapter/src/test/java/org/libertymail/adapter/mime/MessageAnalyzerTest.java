package org.libertymail.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.MessageStructure;
import org.libertymail.adapter.api.MessageStructure.PartRange;

class MessageAnalyzerTest {

    private static MessageAnalyzer.Analysis analyze(String message) {
        return MessageAnalyzer.analyze(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String section(String message, PartRange p, boolean header) {
        long from = header ? p.headerStart() : p.bodyStart();
        long to = header ? p.bodyStart() : p.end();
        return message.substring((int) from, (int) to);
    }

    @Test
    void envelopeOfASimpleMessage() {
        MessageAnalyzer.Analysis a = analyze("Date: Wed, 2 Dec 2026 10:00:00 +0000\r\n"
                + "From: \"Doe, John\" <john.doe@example.com>\r\n"
                + "To: alice@example.org, Bob <bob@example.net>\r\n"
                + "Subject: Hello\r\n  world\r\n"
                + "Message-ID: <1@example.com>\r\n\r\nHi\r\n");
        assertEquals("(\"Wed, 2 Dec 2026 10:00:00 +0000\" \"Hello  world\" "
                + "((\"Doe, John\" NIL \"john.doe\" \"example.com\")) "
                + "((\"Doe, John\" NIL \"john.doe\" \"example.com\")) "
                + "((\"Doe, John\" NIL \"john.doe\" \"example.com\")) "
                + "((NIL NIL \"alice\" \"example.org\")(\"Bob\" NIL \"bob\" \"example.net\")) "
                + "NIL NIL NIL \"<1@example.com>\")", text(a.structure().envelope()));
    }

    @Test
    void envelopeGroupsRoutesAndEncodedWordsStayAsWritten() {
        MessageAnalyzer.Analysis a = analyze("From: =?UTF-8?Q?J=C3=B6rg?= <@relay.example:jorg@example.de>\r\n"
                + "To: Team: ann@example.com, ben@example.com;, root\r\n"
                + "Cc: undisclosed-recipients:;\r\n\r\n");
        String env = text(a.structure().envelope());
        assertEquals("(NIL NIL ((\"=?UTF-8?Q?J=C3=B6rg?=\" \"@relay.example\" \"jorg\" \"example.de\")) "
                + "((\"=?UTF-8?Q?J=C3=B6rg?=\" \"@relay.example\" \"jorg\" \"example.de\")) "
                + "((\"=?UTF-8?Q?J=C3=B6rg?=\" \"@relay.example\" \"jorg\" \"example.de\")) "
                + "((NIL NIL \"Team\" NIL)(NIL NIL \"ann\" \"example.com\")(NIL NIL \"ben\" \"example.com\")(NIL NIL NIL NIL)"
                + "(NIL NIL \"root\" \".MISSING-HOST-NAME.\")) "
                + "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL)", env);
    }

    @Test
    void eightBitHeaderTextGoesOutAsALiteral() {
        MessageAnalyzer.Analysis a = analyze("Subject: Gr\u00fc\u00dfe\r\n\r\nx");
        assertEquals("(NIL {5}\r\nGr\u00fc\u00dfe NIL NIL NIL NIL NIL NIL NIL NIL)", text(a.structure().envelope()));
    }

    @Test
    void bodyStructureOfAPlainTextMessage() {
        MessageAnalyzer.Analysis a = analyze("Subject: x\r\n\r\nline one\r\nline two\r\n");
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 20 2 NIL NIL NIL NIL)",
                text(a.structure().bodyStructure()));
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 20 2)", text(a.structure().body()));
        assertEquals("Subject: x\r\n\r\n", text(a.header()));
    }

    static final String MULTIPART = "From: a@example.com\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
            + "preamble\r\n"
            + "--outer\r\n"
            + "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
            + "--inner\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Hello\r\n"
            + "--inner\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n\r\n"
            + "<p>Hello</p>\r\n\r\n"
            + "--inner--\r\n"
            + "--outer\r\n"
            + "Content-Type: application/pdf; name*0=\"long\"; name*1=\"name.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-Language: en, de\r\n\r\n"
            + "JVBERi0=\r\n"
            + "--outer\r\n"
            + "Content-Type: message/rfc822\r\n\r\n"
            + "Subject: inner\r\n"
            + "From: b@example.com\r\n\r\n"
            + "inner body\r\n"
            + "--outer--\r\n"
            + "epilogue\r\n";

    @Test
    void bodyStructureOfNestedMultipartsAndAnEncapsulatedMessage() {
        MessageAnalyzer.Analysis a = analyze(MULTIPART);
        assertEquals("(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 5 1 NIL NIL NIL NIL)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 14 1 NIL NIL NIL NIL)"
                + " \"alternative\" (\"boundary\" \"inner\") NIL NIL NIL)"
                + "(\"application\" \"pdf\" (\"name\" \"longname.pdf\") NIL NIL \"base64\" 8 NIL "
                + "(\"attachment\" (\"filename\" \"report.pdf\")) (\"en\" \"de\") NIL)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 49 "
                + "(NIL \"inner\" ((NIL NIL \"b\" \"example.com\")) ((NIL NIL \"b\" \"example.com\")) "
                + "((NIL NIL \"b\" \"example.com\")) NIL NIL NIL NIL NIL) "
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL) 4 NIL NIL NIL NIL)"
                + " \"mixed\" (\"boundary\" \"outer\") NIL NIL NIL)", text(a.structure().bodyStructure()));
        assertEquals("(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 5 1)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 14 1) \"alternative\")"
                + "(\"application\" \"pdf\" (\"name\" \"longname.pdf\") NIL NIL \"base64\" 8)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 49 "
                + "(NIL \"inner\" ((NIL NIL \"b\" \"example.com\")) ((NIL NIL \"b\" \"example.com\")) "
                + "((NIL NIL \"b\" \"example.com\")) NIL NIL NIL NIL NIL) "
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 1) 4) \"mixed\")",
                text(a.structure().body()));
    }

    @Test
    void partRangesFollowTheSectionNumbering() {
        MessageStructure s = analyze(MULTIPART).structure();
        assertEquals("Hello", section(MULTIPART, s.part("1.1"), false));
        assertEquals("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
                section(MULTIPART, s.part("1.1"), true));
        assertEquals("<p>Hello</p>\r\n", section(MULTIPART, s.part("1.2"), false));
        assertEquals("JVBERi0=", section(MULTIPART, s.part("2"), false));
        PartRange message = s.part("3");
        assertEquals("Subject: inner\r\nFrom: b@example.com\r\n\r\ninner body", section(MULTIPART, message, false));
        assertEquals("inner body", MULTIPART.substring((int) message.innerBodyStart(), (int) message.end()));
        assertEquals("inner body", section(MULTIPART, s.part("3.1"), false));
        assertEquals(MULTIPART.indexOf("preamble"), s.part("").innerBodyStart());
        assertEquals(MULTIPART.length(), s.part("").end());
        assertNull(s.part("4"));
        assertEquals("--inner\r\n", MULTIPART.substring((int) s.part("1").bodyStart(), (int) s.part("1").bodyStart() + 9));
    }

    @Test
    void aSinglePartMessageHasPartOneItsBody() {
        String m = "Subject: x\r\n\r\nbody";
        PartRange one = analyze(m).structure().part("1");
        assertEquals("body", section(m, one, false));
        assertEquals("Subject: x\r\n\r\n", section(m, one, true));
    }

    @Test
    void aMissingCloseDelimiterEndsThePartsAtTheEnd() {
        String m = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\nContent-Type: text/html\r\n\r\ntwo";
        MessageStructure s = analyze(m).structure();
        assertEquals("one", section(m, s.part("1"), false));
        assertEquals("two", section(m, s.part("2"), false));
        assertEquals("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 1)"
                + "(\"text\" \"html\" NIL NIL NIL \"7bit\" 3 1) \"mixed\")", text(s.body()));
    }

    @Test
    void aMultipartWithoutPartsStillHasTheOneTheGrammarNeeds() {
        String m = "Content-Type: multipart/mixed; boundary=b\r\n\r\nno parts at all\r\n";
        assertEquals("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")",
                text(analyze(m).structure().body()));
    }

    @Test
    void bareLineFeedsAreCountedLikeCrlf() {
        String m = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nline\nline\n\n--b--\n";
        MessageStructure s = analyze(m).structure();
        assertEquals("line\nline\n", section(m, s.part("1"), false));
        assertEquals("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 2) \"mixed\")", text(s.body()));
    }

    @Test
    void theStructureSurvivesEncoding() {
        MessageStructure s = analyze(MULTIPART).structure();
        MessageStructure back = MessageStructure.decode(s.encode());
        assertArrayEquals(s.bodyStructure(), back.bodyStructure());
        assertArrayEquals(s.envelope(), back.envelope());
        assertEquals(s.parts(), back.parts());
    }

    @Test
    void aStreamReadInOddPiecesGivesTheSameOffsets() throws IOException {
        byte[] bytes = MULTIPART.getBytes(StandardCharsets.ISO_8859_1);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3)); // splits CR from LF now and then
            }
        };
        MessageStructure s = MessageAnalyzer.analyze(trickle).structure();
        assertEquals(analyze(MULTIPART).structure().parts(), s.parts());
        assertArrayEquals(Arrays.copyOf(bytes, MULTIPART.indexOf("preamble")), MessageAnalyzer.analyze(bytes).header());
    }
}
