package org.libertymail.adapter.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * SMTP input: lines, and after a BDAT command (RFC 3030) exactly the octets it announced, as
 * {@link Chunk} pieces, whatever they contain. A chunk always follows its BDAT command, even one
 * the session refuses, so the framer consumes it on its own. Inside DATA content (from the 354
 * reply, {@link #expectContent}, to the "." line) a line that reads "BDAT n" is content.
 */
final class SmtpFrameDecoder extends LineFrameDecoder {
    static final int PIECE = 64 * 1024;
    private static final Pattern BDAT = Pattern.compile("(?i)BDAT +([0-9]{1,18})(?:[ \t]+(LAST))?[ \t]*");

    /** Raw octets of a BDAT chunk; {@code end} marks the chunk's last piece. */
    record Chunk(byte[] data, boolean end) {
    }

    private long chunkRemaining;
    private boolean content;

    SmtpFrameDecoder(int maxLength) {
        super(maxLength);
    }

    /** The session answered 354: lines up to "." are message content. Called on the event loop. */
    void expectContent() {
        content = true;
    }

    @Override
    public void discardBuffered() {
        super.discardBuffered();
        chunkRemaining = 0;
        content = false;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (chunkRemaining > 0) {
                int n = (int) Math.min(Math.min(in.readableBytes(), chunkRemaining), PIECE);
                byte[] piece = new byte[n];
                in.readBytes(piece);
                chunkRemaining -= n;
                out.add(new Chunk(piece, chunkRemaining == 0));
                continue;
            }
            byte[] line = readLine(in, out);
            if (line == null) {
                return;
            }
            out.add(line);
            if (content) {
                content = !(line.length == 1 && line[0] == '.');
            } else if (line.length >= 6 && (line[0] == 'B' || line[0] == 'b')) {
                Matcher m = BDAT.matcher(new String(line, StandardCharsets.ISO_8859_1));
                if (m.matches()) {
                    chunkRemaining = Long.parseLong(m.group(1));
                    if (chunkRemaining == 0) {
                        out.add(new Chunk(new byte[0], true));
                    }
                }
            }
        }
    }
}
