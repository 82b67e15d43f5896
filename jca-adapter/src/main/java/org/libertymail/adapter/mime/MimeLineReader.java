package org.libertymail.adapter.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a message line by line (a line ends after LF) and knows where each line starts, so the
 * parser can record exact part offsets without holding the message. Only the first
 * {@link #HEAD_LIMIT} bytes of a line are kept: enough for any boundary or header line.
 */
final class MimeLineReader {
    static final int HEAD_LIMIT = 16 * 1024;

    /** One line: where it starts, its first bytes, its length without and with the terminator. */
    record Line(long start, byte[] head, long contentLength, int terminatorLength) {
        boolean blank() {
            return contentLength == 0 || contentLength == 1 && head[0] == '\r';
        }

        boolean startsWithSpace() {
            return head.length > 0 && (head[0] == ' ' || head[0] == '\t');
        }

        long end() {
            return start + contentLength + terminatorLength;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPos;
    private int bufferEnd;
    private long position;
    private long lineFeeds;
    private Line peeked;
    private Line last;
    private ByteArrayOutputStream capture;
    private int captureLimit;

    MimeLineReader(InputStream in) {
        this.in = in;
    }

    /** The offset of the next unread line (the end of the input once it is all read). */
    long position() {
        return peeked != null ? peeked.start() : position;
    }

    /** LF bytes in the lines read so far. */
    long lineFeeds() {
        return lineFeeds;
    }

    /** The last line read, or null. */
    Line last() {
        return last;
    }

    Line peek() throws IOException {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    Line next() throws IOException {
        Line line = peek();
        peeked = null;
        if (line != null) {
            last = line;
            if (line.terminatorLength() > 0) {
                lineFeeds++;
            }
        }
        return line;
    }

    /** Keeps a copy of every byte of the following lines, up to {@code limit} bytes. */
    void startCapture(int limit) {
        capture = new ByteArrayOutputStream();
        captureLimit = limit;
        if (peeked != null) {
            throw new IllegalStateException("capture must start before a line is peeked");
        }
    }

    /** @return the captured bytes, or null when they were more than the limit */
    byte[] stopCapture() {
        byte[] result = capture == null || capture.size() > captureLimit ? null : capture.toByteArray();
        capture = null;
        return result;
    }

    private Line read() throws IOException {
        long start = position;
        ByteArrayOutputStream head = new ByteArrayOutputStream(128);
        long length = 0;
        byte previous = 0; // the byte before the current piece, to see a CR split from its LF
        while (true) {
            if (bufferPos == bufferEnd) {
                bufferEnd = in.read(buffer);
                bufferPos = 0;
                if (bufferEnd <= 0) {
                    bufferEnd = 0;
                    position = start + length;
                    return length == 0 ? null : new Line(start, head.toByteArray(), length, 0);
                }
            }
            int from = bufferPos;
            int lf = -1;
            for (int i = bufferPos; i < bufferEnd; i++) {
                if (buffer[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int to = lf < 0 ? bufferEnd : lf + 1;
            keep(from, to, head);
            length += to - from;
            bufferPos = to;
            if (lf >= 0) {
                position = start + length;
                byte beforeLf = lf > from ? buffer[lf - 1] : previous;
                int terminator = length >= 2 && beforeLf == '\r' ? 2 : 1;
                long contentLength = length - terminator;
                byte[] bytes = head.toByteArray();
                byte[] content = bytes.length > contentLength ? Arrays.copyOf(bytes, (int) contentLength) : bytes;
                return new Line(start, content, contentLength, terminator);
            }
            previous = buffer[to - 1];
        }
    }

    private void keep(int from, int to, ByteArrayOutputStream head) {
        int room = HEAD_LIMIT + 2 - head.size();
        if (room > 0) {
            head.write(buffer, from, Math.min(room, to - from));
        }
        if (capture != null && capture.size() <= captureLimit) {
            capture.write(buffer, from, to - from);
        }
    }
}
