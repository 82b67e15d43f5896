package org.libertymail.adapter.pop3;

import java.io.ByteArrayOutputStream;

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
        byte[] all = java.util.Arrays.copyOf(body, body.length + end.length);
        System.arraycopy(end, 0, all, body.length, end.length);
        return all;
    }

    /** The next {@code length} bytes of the message, encoded. */
    byte[] next(byte[] piece, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
        for (int i = 0; i < length; i++) {
            byte b = piece[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        empty &= length == 0;
        return out.toByteArray();
    }

    /** What must follow the last piece before the terminating line. */
    byte[] finish() {
        return empty || lineStart ? new byte[0] : new byte[] {'\r', '\n'};
    }
}
