package org.libertymail.adapter.imap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

/** Formats values for IMAP responses. */
public final class ImapStrings {
    private static final DateTimeFormatter INTERNALDATE =
            DateTimeFormatter.ofPattern("ppd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ImapStrings() {
    }

    /** A quoted string, or null when the value needs a literal (CR, LF, NUL or 8-bit text). */
    public static String quotedOrNull(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 126) {
                return null;
            }
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** A string as quoted or as a literal, whichever can carry it. */
    public static String string(String value) {
        String quoted = quotedOrNull(value);
        if (quoted != null) {
            return quoted;
        }
        return "{" + value.getBytes(StandardCharsets.UTF_8).length + "}\r\n" + value;
    }

    public static String flagList(Collection<String> flags) {
        return "(" + String.join(" ", flags) + ")";
    }

    public static String internalDate(Instant instant) {
        return "\"" + INTERNALDATE.format(instant) + "\"";
    }
}
