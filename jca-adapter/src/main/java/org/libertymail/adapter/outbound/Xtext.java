package org.libertymail.adapter.outbound;

import java.nio.charset.StandardCharsets;

/** xtext encoding (RFC 3461 4) for DSN parameters passed on to the next server. */
final class Xtext {
    private Xtext() {
    }

    static String encode(String text) {
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= '!' && c <= '~' && c != '+' && c != '=') {
                b.append((char) c);
            } else {
                b.append('+').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }
}
