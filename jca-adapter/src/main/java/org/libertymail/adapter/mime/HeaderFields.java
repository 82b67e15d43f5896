package org.libertymail.adapter.mime;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header fields of one entity that ENVELOPE and BODYSTRUCTURE use, unfolded (RFC 5322
 * 2.2.3), first occurrence of each. Values keep their raw bytes as ISO-8859-1 characters, so
 * 8-bit text passes through unchanged.
 */
final class HeaderFields {
    private static final Set<String> KEPT = Set.of("date", "subject", "from", "sender", "reply-to", "to", "cc", "bcc",
            "in-reply-to", "message-id", "content-type", "content-transfer-encoding", "content-id",
            "content-description", "content-md5", "content-disposition", "content-language", "content-location");
    private static final int VALUE_LIMIT = 64 * 1024;

    private final Map<String, StringBuilder> values = new HashMap<>();
    private StringBuilder current;

    /** The kept fields of a whole header block. */
    static HeaderFields of(byte[] header) {
        HeaderFields h = new HeaderFields();
        for (String line : new String(header, StandardCharsets.ISO_8859_1).split("\\r?\\n")) {
            h.line(line.getBytes(StandardCharsets.ISO_8859_1));
        }
        return h;
    }

    /** Adds one physical header line (without its terminator). */
    void line(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
            if (current != null && current.length() + text.length() <= VALUE_LIMIT) {
                current.append(text);
            }
            return;
        }
        current = null;
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return; // not a field; RFC 5322 has no place for it
        }
        String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (KEPT.contains(name) && !values.containsKey(name)) {
            current = new StringBuilder(text.substring(colon + 1));
            values.put(name, current);
        }
    }

    /** The unfolded value without surrounding white space, or null when the field is absent. */
    String get(String name) {
        StringBuilder b = values.get(name);
        return b == null ? null : b.toString().strip();
    }
}
