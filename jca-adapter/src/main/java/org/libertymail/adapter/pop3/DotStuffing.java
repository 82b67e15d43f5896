package org.libertymail.adapter.pop3;

import java.io.ByteArrayOutputStream;

/** Encodes a message for a POP3 multi-line response (RFC 1939 section 3). */
final class DotStuffing {
    private DotStuffing() {
    }

    /**
     * Doubles the dot that starts any line and makes sure the content ends with CRLF, so the
     * terminating ".CRLF" can follow it.
     */
    static byte[] encode(byte[] content, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
        boolean lineStart = true;
        for (int i = 0; i < length; i++) {
            byte b = content[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (length > 0 && !lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }
}
