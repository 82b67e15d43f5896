package org.libertymail.adapter.pop3;

import java.util.Arrays;

/**
 * Encodes a message for a POP3 multi-line response (RFC 1939 section 3): doubles the dot that
 * starts any line and makes sure the content ends with CRLF, so the terminating ".CRLF" can
 * follow. Stateful, so a message can be encoded piece by piece.
 */
final class DotStuffing {
    private boolean lineStart = true;
    private boolean empty = true;

    static byte[] encode(byte[] content, int length) {
        DotStuffing stuffing = new DotStuffing();
        byte[] body = stuffing.next(content, length);
        byte[] end = stuffing.finish();
        if (end.length == 0) {
            return body;
        }
        byte[] all = Arrays.copyOf(body, body.length + end.length);
        System.arraycopy(end, 0, all, body.length, end.length);
        return all;
    }

    /**
     * The next {@code length} bytes of the message, encoded: {@code piece} itself when it has no
     * line that starts with a dot and is used whole, so most pieces are not copied.
     */
    byte[] next(byte[] piece, int length) {
        int dots = 0;
        boolean start = lineStart;
        for (int i = 0; i < length; i++) {
            byte b = piece[i];
            if (start && b == '.') {
                dots++;
            }
            start = b == '\n';
        }
        empty &= length == 0;
        if (dots == 0) {
            lineStart = start;
            return length == piece.length ? piece : Arrays.copyOf(piece, length);
        }
        byte[] out = new byte[length + dots];
        int o = 0;
        for (int i = 0; i < length; i++) {
            byte b = piece[i];
            if (lineStart && b == '.') {
                out[o++] = '.';
            }
            out[o++] = b;
            lineStart = b == '\n';
        }
        return out;
    }

    /** What must follow the last piece before the terminating line. */
    byte[] finish() {
        return empty || lineStart ? new byte[0] : new byte[] {'\r', '\n'};
    }
}
