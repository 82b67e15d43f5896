package org.libertymail.adapter.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Frames IMAP commands: a command line together with its literals (RFC 3501 4.3, RFC 7888).
 * The frame keeps each "{n}" CRLF and the literal octets as sent, so the parser reads literals
 * in place. For a synchronizing literal the decoder sends the continuation request itself,
 * because the client waits for it before sending the octets.
 */
final class ImapFrameDecoder extends ByteToMessageDecoder implements FrameDecoder {
    private static final byte[] CONTINUE = "+ Ready for literal data\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A command whose literal exceeded the limit; {@code commandStart} holds its first line. */
    record OversizedLiteral(byte[] commandStart, boolean synchronizing) {
    }

    private final LineFrameDecoder lines;
    private final long maxLiteral;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long literalRemaining;
    private boolean dead;

    ImapFrameDecoder(int maxLineLength, long maxLiteral) {
        this.lines = new LineFrameDecoder(maxLineLength);
        this.maxLiteral = maxLiteral;
    }

    @Override
    public void discardBuffered() {
        pending.reset();
        literalRemaining = 0;
        lines.discardBuffered();
        if (internalBuffer().isReadable()) {
            internalBuffer().skipBytes(internalBuffer().readableBytes());
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (dead) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (literalRemaining > 0) {
                int n = (int) Math.min(in.readableBytes(), literalRemaining);
                byte[] chunk = new byte[n];
                in.readBytes(chunk);
                pending.write(chunk, 0, n);
                literalRemaining -= n;
                continue;
            }
            int before = out.size();
            byte[] line = lines.readLine(in, out);
            if (out.size() > before) {
                pending.reset(); // the line was too long: the whole command is void
            }
            if (line == null) {
                return;
            }
            pending.write(line, 0, line.length);
            LiteralMarker marker = LiteralMarker.at(line);
            if (marker == null) {
                out.add(pending.toByteArray());
                pending.reset();
                continue;
            }
            if (marker.size() > maxLiteral - pending.size()) {
                out.add(new OversizedLiteral(pending.toByteArray(), marker.synchronizing()));
                pending.reset();
                dead = !marker.synchronizing();
                continue;
            }
            pending.write('\r');
            pending.write('\n');
            literalRemaining = marker.size();
            if (marker.synchronizing()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
            }
        }
    }

    /** "{n}" or "{n+}" at the end of a line. */
    record LiteralMarker(long size, boolean synchronizing) {
        static LiteralMarker at(byte[] line) {
            int end = line.length - 1;
            if (end < 2 || line[end] != '}') {
                return null;
            }
            int i = end - 1;
            boolean plus = line[i] == '+';
            if (plus) {
                i--;
            }
            int digitsEnd = i;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
                i--;
            }
            if (i < 0 || line[i] != '{' || i == digitsEnd || digitsEnd - i > 12) {
                return null;
            }
            long size = Long.parseLong(new String(line, i + 1, digitsEnd - i, StandardCharsets.US_ASCII));
            return new LiteralMarker(size, !plus);
        }
    }
}
