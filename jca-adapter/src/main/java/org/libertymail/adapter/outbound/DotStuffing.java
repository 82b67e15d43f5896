package org.libertymail.adapter.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a message into the DATA phase (RFC 5321 4.5.2): a line starting with '.' gets one
 * more, a bare LF becomes CRLF, and the copy ends with CRLF so the closing "." stands alone.
 */
final class DotStuffing {
    private DotStuffing() {
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        boolean lineStart = true;
        int previous = -1;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                int c = buffer[i] & 0xff;
                if (lineStart && c == '.') {
                    out.write('.');
                }
                if (c == '\n' && previous != '\r') {
                    out.write('\r');
                }
                out.write(c);
                lineStart = c == '\n';
                previous = c;
            }
        }
        if (!lineStart) {
            if (previous != '\r') {
                out.write('\r');
            }
            out.write('\n');
        }
    }
}
