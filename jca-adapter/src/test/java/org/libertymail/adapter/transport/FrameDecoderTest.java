package org.libertymail.adapter.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapCommandParser;
import org.libertymail.adapter.imap.ImapRequest;

class FrameDecoderTest {
    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String text(Object frame) {
        return new String((byte[]) frame, StandardCharsets.ISO_8859_1);
    }

    @Test
    void linesAreSplitOnCrlfAndBareLf() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(100));
        ch.writeInbound(bytes("EHLO a\r\nNOOP\nQU"));
        assertEquals("EHLO a", text(ch.readInbound()));
        assertEquals("NOOP", text(ch.readInbound()));
        assertNull(ch.readInbound());
        ch.writeInbound(bytes("IT\r\n"));
        assertEquals("QUIT", text(ch.readInbound()));
    }

    @Test
    void bdatChunksAreReadAsOctetsButBdatInDataContentIsALine() {
        EmbeddedChannel ch = new EmbeddedChannel(new SmtpFrameDecoder(100));
        ch.writeInbound(bytes("BDAT 7 LAST\r\nab\r\n.\r\nNOOP\r\n"));
        assertEquals("BDAT 7 LAST", text(ch.readInbound()));
        SmtpFrameDecoder.Chunk chunk = ch.readInbound();
        assertEquals("ab\r\n.\r\n", new String(chunk.data(), StandardCharsets.ISO_8859_1));
        assertEquals(true, chunk.end());
        assertEquals("NOOP", text(ch.readInbound()));
        ch.pipeline().get(SmtpFrameDecoder.class).expectContent();
        ch.writeInbound(bytes("BDAT 3\r\n.\r\nBDAT 1\r\nx"));
        assertEquals("BDAT 3", text(ch.readInbound()), "inside DATA content");
        assertEquals(".", text(ch.readInbound()));
        assertEquals("BDAT 1", text(ch.readInbound()));
        assertEquals("x", new String(((SmtpFrameDecoder.Chunk) ch.readInbound()).data(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void overlongLineIsDiscardedAndReportedOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(10));
        ch.writeInbound(bytes("x".repeat(30)));
        ch.writeInbound(bytes("y".repeat(30) + "\r\nNOOP\r\n"));
        assertEquals(LineTooLong.INSTANCE, ch.readInbound());
        assertEquals("NOOP", text(ch.readInbound()));
        assertNull(ch.readInbound());
    }

    @Test
    void imapFrameCarriesItsLiteralsAndAsksForSynchronizingOnes() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(100, 1000));
        ch.writeInbound(bytes("a LOGIN {5}\r\n"));
        ByteBuf continuation = ch.readOutbound();
        assertEquals("+ Ready for literal data\r\n", continuation.toString(StandardCharsets.US_ASCII));
        ch.writeInbound(bytes("al\r\nx {3+}\r\np\nw\r\n"));
        assertEquals("a LOGIN {5}\r\nal\r\nx {3+}\r\np\nw", text(ch.readInbound()));
        assertNull(ch.readOutbound(), "no continuation for a non-synchronizing literal");
    }

    @Test
    void aLargeLiteralIsSpooledBesideItsFrameAndParsedAsTheAppendedMessage() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(100, 10_000_000));
        int size = ImapFrameDecoder.SPOOL_ABOVE + 300_000; // past the spool's memory: a file
        byte[] message = ("Subject: big\r\n\r\n" + "z".repeat(size - 16)).getBytes(StandardCharsets.US_ASCII);
        ch.writeInbound(bytes("a APPEND INBOX (\\Seen) {" + size + "+}\r\n"));
        for (int i = 0; i < size; i += 8192) { // in pieces, as the network hands them over
            ch.writeInbound(Unpooled.wrappedBuffer(message, i, Math.min(8192, size - i)));
        }
        assertNull(ch.readInbound(), "the frame is not complete before its line ends");
        ch.writeInbound(bytes("\r\nb NOOP\r\n"));
        ImapFrameDecoder.Spooled spooled = ch.readInbound();
        assertEquals("a APPEND INBOX (\\Seen) {" + size + "+}\r\n", text(spooled.frame()), "the octets are not in the frame");
        assertEquals(size, spooled.literals().size());
        ImapRequest request = new ImapCommandParser().parse(spooled.frame(), spooled.literals());
        ImapCommand.Append append = (ImapCommand.Append) request.command();
        assertEquals(List.of("\\Seen"), append.flags());
        try (InputStream in = append.message().open()) {
            assertArrayEquals(message, in.readAllBytes());
        }
        spooled.literals().discard();
        assertEquals("b NOOP", text(ch.readInbound()), "the next command is a plain frame again");
    }

    @Test
    void oversizedLiteralIsReportedNotBuffered() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(100, 10));
        ch.writeInbound(bytes("a APPEND INBOX {11}\r\nb NOOP\r\n"));
        ImapFrameDecoder.OversizedLiteral rejected = ch.readInbound();
        assertArrayEquals("a APPEND INBOX {11}".getBytes(StandardCharsets.US_ASCII), rejected.commandStart());
        assertEquals(true, rejected.synchronizing());
        assertEquals("b NOOP", text(ch.readInbound()));
    }
}
