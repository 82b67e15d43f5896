package org.libertymail.adapter.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Cuts the parts of an RFC 5322 message that BODY[section] names (RFC 3501 6.4.5). */
public final class MessageSections {
    private MessageSections() {
    }

    public static byte[] extract(byte[] content, FetchItem item) {
        byte[] section = switch (item.section()) {
            case "" -> content;
            case "HEADER" -> Arrays.copyOf(content, headerEnd(content));
            case "TEXT" -> Arrays.copyOfRange(content, headerEnd(content), content.length);
            case "HEADER.FIELDS" -> headerFields(content, item.fields(), false);
            case "HEADER.FIELDS.NOT" -> headerFields(content, item.fields(), true);
            default -> throw new IllegalArgumentException(item.section());
        };
        if (item.partialStart() < 0) {
            return section;
        }
        int from = (int) Math.min(item.partialStart(), section.length);
        int to = (int) Math.min((long) from + item.partialLength(), section.length);
        return Arrays.copyOfRange(section, from, to);
    }

    /** The index just past the blank line that ends the header (the whole message if none). */
    public static int headerEnd(byte[] c) {
        for (int i = 0; i < c.length; i++) {
            if (c[i] == '\n') {
                if (i + 1 < c.length && c[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < c.length && c[i + 1] == '\r' && c[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return c.length;
    }

    private static byte[] headerFields(byte[] content, List<String> names, boolean exclude) {
        int end = headerEnd(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int fieldStart = 0;
        while (fieldStart < end) {
            int fieldEnd = nextFieldStart(content, fieldStart, end);
            int colon = indexOf(content, (byte) ':', fieldStart, fieldEnd);
            if (colon > fieldStart) {
                String name = new String(content, fieldStart, colon - fieldStart, StandardCharsets.ISO_8859_1)
                        .strip().toUpperCase(Locale.ROOT);
                if (names.contains(name) != exclude) {
                    out.write(content, fieldStart, fieldEnd - fieldStart);
                }
            }
            fieldStart = fieldEnd;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** A field continues on lines that begin with a space or tab (folding, RFC 5322 2.2.3). */
    private static int nextFieldStart(byte[] c, int from, int end) {
        int i = from;
        while (i < end) {
            int nl = indexOf(c, (byte) '\n', i, end);
            if (nl < 0) {
                return end;
            }
            i = nl + 1;
            if (i >= end || (c[i] != ' ' && c[i] != '\t')) {
                return i;
            }
        }
        return end;
    }

    private static int indexOf(byte[] c, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (c[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
