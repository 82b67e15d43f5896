package org.libertymail.adapter.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

import org.libertymail.adapter.imap.SpooledLiterals;
import org.libertymail.adapter.protocol.MessageSpool;

/**
 * Frames IMAP commands: a command line together with its literals (RFC 3501 4.3, RFC 7888).
 * The frame keeps each "{n}" CRLF and the literal octets as sent, so the parser reads literals
 * in place. For a synchronizing literal the decoder sends the continuation request itself,
 * because the client waits for it before sending the octets. A literal larger than
 * {@link #SPOOL_ABOVE} (an APPEND of a large message) goes to a {@link MessageSpool} as it
 * arrives, a temporary file once large, instead of into the frame: such a frame travels as a
 * {@link Spooled} with its literals beside it.
 */
final class ImapFrameDecoder extends LineFrameDecoder {
    private static final byte[] CONTINUE = "+ Ready for literal data\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A command whose literal exceeded the limit; {@code commandStart} holds its first line. */
    record OversizedLiteral(byte[] commandStart, boolean synchronizing) {
    }

    /** A frame whose large literals were spooled; whoever takes it discards them when done. */
    record Spooled(byte[] frame, SpooledLiterals literals) {
    }

    /** Literals above this many octets are spooled rather than kept in the frame. */
    static final int SPOOL_ABOVE = 64 * 1024;

    private final long maxLiteral;
    /** The frame so far; made when a line is incomplete or has a literal (most frames are neither). */
    private ByteArrayOutputStream pending;
    /** The literal being read goes here, not into {@code pending}, when it is large. */
    private MessageSpool spool;
    private SpooledLiterals spooled;
    private long literalRemaining;
    private boolean dead;

    ImapFrameDecoder(int maxLineLength, long maxLiteral) {
        super(maxLineLength); // one object per connection, not a line decoder beside this one
        this.maxLiteral = maxLiteral;
    }

    @Override
    public void discardBuffered() {
        pending = null;
        discardSpooled();
        literalRemaining = 0;
        super.discardBuffered();
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
                if (spool != null) {
                    spool.write(chunk, 0, n);
                } else {
                    pending.write(chunk, 0, n);
                }
                literalRemaining -= n;
                if (literalRemaining == 0 && spool != null) {
                    spooled.add(pending.size(), spool);
                    spool = null;
                }
                continue;
            }
            int before = out.size();
            byte[] line = readLine(in, out);
            if (out.size() > before) {
                pending = null; // the line was too long: the whole command is void
                discardSpooled();
            }
            if (line == null) {
                return;
            }
            LiteralMarker marker = LiteralMarker.at(line);
            if (marker == null && pending == null) {
                out.add(line); // the usual case: a command without literals, one line
                continue;
            }
            if (pending == null) {
                pending = new ByteArrayOutputStream(line.length + 64);
            }
            pending.write(line, 0, line.length);
            if (marker == null) {
                out.add(spooled == null ? pending.toByteArray() : new Spooled(pending.toByteArray(), spooled));
                pending = null;
                spooled = null;
                continue;
            }
            if (marker.size() > maxLiteral - pending.size() - (spooled == null ? 0 : spooled.size())) {
                out.add(new OversizedLiteral(pending.toByteArray(), marker.synchronizing()));
                pending = null;
                discardSpooled();
                dead = !marker.synchronizing();
                continue;
            }
            pending.write('\r');
            pending.write('\n');
            literalRemaining = marker.size();
            if (marker.size() > SPOOL_ABOVE) {
                spool = new MessageSpool();
                if (spooled == null) {
                    spooled = new SpooledLiterals();
                }
            }
            if (marker.synchronizing()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
            }
        }
    }

    /** The connection is gone: no spool outlives it. */
    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        discardSpooled();
    }

    private void discardSpooled() {
        if (spool != null) {
            spool.discard();
            spool = null;
        }
        if (spooled != null) {
            spooled.discard();
            spooled = null;
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
