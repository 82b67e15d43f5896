package org.libertymail.adapter.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mailbox names in IMAP4rev1's modified UTF-7 (RFC 3501 5.1.3), which is how the store keeps
 * them, and in the UTF-8 an IMAP4rev2 client uses (RFC 9051 5.1).
 */
public final class ModifiedUtf7 {
    private ModifiedUtf7() {
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                flush(run, out);
                out.append(c == '&' ? "&-" : String.valueOf(c));
            } else {
                run.append(c);
            }
        }
        flush(run, out);
        return out.toString();
    }

    private static void flush(StringBuilder run, StringBuilder out) {
        if (run.length() > 0) {
            byte[] utf16 = run.toString().getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ',')).append('-');
            run.setLength(0);
        }
    }

    /** @return the name, or null when its modified UTF-7 is malformed */
    public static String decode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = name.indexOf('-', i);
            if (end < 0) {
                return null;
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                try {
                    byte[] utf16 = Base64.getDecoder().decode(name.substring(i + 1, end).replace(',', '/'));
                    if (utf16.length % 2 != 0) {
                        return null;
                    }
                    out.append(StandardCharsets.UTF_16BE.decode(ByteBuffer.wrap(utf16)));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            i = end + 1;
        }
        return out.toString();
    }
}
