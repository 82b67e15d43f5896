package org.libertymail.adapter.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Counts the Received header fields of a message as its octets arrive, in lines (DATA) or in
 * pieces that cut lines anywhere (BDAT), up to the blank line that ends the header section:
 * the hop count of RFC 5321 6.3. Holds at most one header line.
 */
final class ReceivedCounter {
    private static final int KEEP = 16; // "Received:" is all a line's start is needed for
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean headerDone;
    private boolean lineStart = true;
    private int received;

    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && !headerDone; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endLine();
            } else if (b != '\r' && line.size() < KEEP) {
                line.write(b);
                lineStart = false;
            }
        }
    }

    private void endLine() {
        if (lineStart) {
            headerDone = true; // the empty line between header and body
            return;
        }
        String start = line.toString(StandardCharsets.ISO_8859_1);
        if (start.regionMatches(true, 0, "Received:", 0, 9)) {
            received++;
        }
        line.reset();
        lineStart = true;
    }

    int received() {
        return received;
    }
}
