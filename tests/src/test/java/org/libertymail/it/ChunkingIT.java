package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CHUNKING and BINARYMIME (RFC 3030) through the real transport: BDAT chunks are taken as raw
 * octets (a "." line, NULs or a command inside a chunk are content), pipelined, and stored as
 * sent; a "BDAT n" line inside DATA content stays content.
 */
class ChunkingIT {
    private static final String DOMAIN = "chunks.it.test";
    private static final String USER = "hana@" + DOMAIN;
    private static final String PASSWORD = "chunk secret 21";

    @BeforeAll
    static void mailbox() throws Exception {
        ServerUnderTest.awaitReady();
        ServerUnderTest.createDomain(DOMAIN);
        ServerUnderTest.createMailbox(USER, PASSWORD);
    }

    private static byte[] lastOverImap() throws Exception {
        return ServerUnderTest.lastOverImap(USER, PASSWORD);
    }

    @Test
    void pipelinedBdatChunksAreStoredOctetForOctet() throws Exception {
        byte[] first = "Subject: chunked\r\nMIME-Version: 1.0\r\n\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] second = {0, 1, 2, '\r', '\n', '.', '\r', '\n', (byte) 0xff};
        try (Socket socket = new Socket(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            socket.setSoTimeout(30_000);
            LineClient c = new LineClient(socket);
            c.smtpReply();
            String ehlo = String.join("\n", c.ehlo());
            assertTrue(ehlo.contains("250-CHUNKING\n250-BINARYMIME"), ehlo);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
            pipelined.write(("MAIL FROM:<sender@outside.example> BODY=BINARYMIME\r\nRCPT TO:<" + USER + ">\r\nBDAT "
                    + first.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            pipelined.write(first);
            pipelined.write(("BDAT " + second.length + " LAST\r\n").getBytes(StandardCharsets.ISO_8859_1));
            pipelined.write(second);
            out.write(pipelined.toByteArray());
            out.flush();
            assertEquals("250 2.1.0 Ok", c.line());
            assertEquals("250 2.1.5 Ok", c.line());
            assertEquals("250 2.0.0 " + first.length + " octets received", c.line());
            assertTrue(c.line().startsWith("250 2.0.0 Ok: queued as "));
            assertEquals("250 2.0.0 Ok", c.command("NOOP"), "the QUIT inside the chunk was content");
        }
        byte[] stored = lastOverImap();
        byte[] sent = new byte[first.length + second.length];
        System.arraycopy(first, 0, sent, 0, first.length);
        System.arraycopy(second, 0, sent, first.length, second.length);
        assertArrayEquals(sent, Arrays.copyOfRange(stored, stored.length - sent.length, stored.length));
    }

    @Test
    void aBdatLineInsideDataContentIsContent() throws Exception {
        try (SmtpClient smtp = new SmtpClient(ServerUnderTest.HOST, ServerUnderTest.SMTP)) {
            String reply = smtp.send("sender@outside.example", java.util.List.of(USER),
                    "Subject: not a command\r\n\r\nBDAT 3\r\nabc\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(reply.startsWith("250 2.0.0 Ok"), reply);
        }
        String stored = new String(lastOverImap(), StandardCharsets.ISO_8859_1);
        assertTrue(stored.endsWith("\r\n\r\nBDAT 3\r\nabc\r\n"), stored);
    }
}
