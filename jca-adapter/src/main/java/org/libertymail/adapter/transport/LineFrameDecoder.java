package org.libertymail.adapter.transport;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits input into lines for SMTP and POP3: each line becomes a byte[] without its LF or
 * CRLF. A line longer than the limit is discarded up to its end and reported once as
 * {@link LineTooLong}, so a client cannot make the server buffer without bound.
 */
class LineFrameDecoder extends ByteToMessageDecoder implements FrameDecoder {
    private final int maxLength;
    private boolean discarding;

    LineFrameDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public void discardBuffered() {
        discarding = false;
        if (internalBuffer().isReadable()) {
            internalBuffer().skipBytes(internalBuffer().readableBytes());
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte[] line = readLine(in, out);
            if (line == null) {
                return;
            }
            out.add(line);
        }
    }

    /** @return the next complete line, or null when more input is needed or it was discarded */
    byte[] readLine(ByteBuf in, List<Object> out) {
        while (true) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (in.readableBytes() > maxLength + 1) {
                    in.skipBytes(in.readableBytes());
                    if (!discarding) {
                        discarding = true;
                        out.add(LineTooLong.INSTANCE);
                    }
                }
                return null;
            }
            int length = eol - in.readerIndex();
            if (discarding) {
                in.readerIndex(eol + 1);
                discarding = false;
                continue;
            }
            if (length > 0 && in.getByte(eol - 1) == '\r') {
                length--;
            }
            if (length > maxLength) {
                in.readerIndex(eol + 1);
                out.add(LineTooLong.INSTANCE);
                continue;
            }
            byte[] line = new byte[length];
            in.getBytes(in.readerIndex(), line);
            in.readerIndex(eol + 1);
            return line;
        }
    }
}
