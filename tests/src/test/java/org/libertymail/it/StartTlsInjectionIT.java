package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The STARTTLS command-injection class of bugs (CVE-2011-0411 and its kin): commands a client
 * (or a man in the middle) pipelines in the clear right after STARTTLS must never be executed
 * inside the TLS session. Each test sends STARTTLS and an injected command in one write, then
 * shows the injected command had no effect.
 */
class StartTlsInjectionIT {

    @BeforeAll
    static void ready() throws Exception {
        ServerUnderTest.awaitReady();
    }

    @Test
    void smtpDropsCommandsPipelinedAfterStartTls() throws Exception {
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            assertTrue(c.smtpReply().startsWith("220"));
            c.write("EHLO client.it.test\r\n");
            assertTrue(c.smtpReply().startsWith("250 "));
            c.write("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\n");
            assertEquals("220 2.0.0 Ready to start TLS", c.smtpReply());
            c.startTls();
            c.write("EHLO client.it.test\r\n");
            String first = c.line();
            assertTrue(first.startsWith("250-"), "the first reply inside TLS answers EHLO, not the injected MAIL: " + first);
            c.smtpReply();
            // Had the injected MAIL run, this would be "503 nested MAIL command".
            assertEquals("250 2.1.0 Ok", c.command("MAIL FROM:<sender@outside.example>"));
        }
    }

    @Test
    void imapDropsCommandsPipelinedAfterStartTls() throws Exception {
        try (LineClient c = LineClient.plain(ServerUnderTest.HOST, ServerUnderTest.IMAP)) {
            assertTrue(c.line().startsWith("* OK"));
            c.write("a STARTTLS\r\nb CAPABILITY\r\n");
            assertEquals("a OK Begin TLS negotiation now", c.line());
            c.startTls();
            c.write("c NOOP\r\n");
            assertEquals("c OK NOOP completed", c.line(), "nothing answers the injected CAPABILITY");
        }
    }

    @Test
    void pop3DropsCommandsPipelinedAfterStls() throws Exception {
        try (LineClient c = LineClient.plain(ServerUnderTest.POP3_HOST, ServerUnderTest.POP3)) {
            assertTrue(c.line().startsWith("+OK"));
            c.write("STLS\r\nUSER injected@evil.example\r\n");
            assertEquals("+OK Begin TLS negotiation", c.line());
            c.startTls();
            assertEquals("-ERR Send USER first", c.command("PASS whatever"), "the injected USER was not kept");
        }
    }
}
