package org.libertymail.adapter.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds an IMAP data value (RFC 3501 section 4) as the bytes sent on the wire. Strings are
 * ISO-8859-1 characters standing for raw header bytes; one that cannot be quoted (8-bit, CR,
 * LF) goes out as a literal.
 */
final class ImapText {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    ImapText raw(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    ImapText raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    ImapText nstring(String s) {
        return s == null ? raw("NIL") : string(s);
    }

    ImapText string(String s) {
        boolean quotable = true;
        for (int i = 0; i < s.length() && quotable; i++) {
            char c = s.charAt(i);
            quotable = c != '\r' && c != '\n' && c != 0 && c < 127;
        }
        if (!quotable) {
            byte[] bytes = s.replace('\0', ' ').getBytes(StandardCharsets.ISO_8859_1);
            raw("{" + bytes.length + "}\r\n");
            out.writeBytes(bytes);
            return this;
        }
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.write('\\');
            }
            out.write(c);
        }
        out.write('"');
        return this;
    }

    ImapText space() {
        out.write(' ');
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
