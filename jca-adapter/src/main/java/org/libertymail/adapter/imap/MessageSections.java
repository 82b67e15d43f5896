package org.libertymail.adapter.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.libertymail.adapter.api.MessageStructure;
import org.libertymail.adapter.api.MessageStructure.PartRange;

/** Finds and cuts the sections of a message that BODY[section] names (RFC 3501 6.4.5). */
public final class MessageSections {
    private MessageSections() {
    }

    /**
     * Where the section an item names lies in the message, before HEADER.FIELDS filtering and
     * before the partial range: {from, to}, or null when the message has no such part.
     */
    public static long[] range(MessageStructure structure, long size, FetchItem item) {
        if (item.part().isEmpty() && item.section().isEmpty()) {
            return new long[] {0, size};
        }
        PartRange p = structure.part(item.part());
        if (p == null) {
            return null;
        }
        return switch (item.section()) {
            case "" -> new long[] {p.bodyStart(), p.end()};
            case "MIME" -> new long[] {p.headerStart(), p.bodyStart()};
            case "TEXT" -> p.innerBodyStart() < 0 ? null : new long[] {p.innerBodyStart(), p.end()};
            default -> p.innerBodyStart() < 0 ? null : new long[] {p.bodyStart(), p.innerBodyStart()}; // HEADER…
        };
    }

    /** Whether the item keeps only some fields of a header (HEADER.FIELDS, HEADER.FIELDS.NOT). */
    public static boolean filtersFields(FetchItem item) {
        return item.section().startsWith("HEADER.FIELDS");
    }

    /** The header fields of {@code header} the item asks for, with the blank line that ends a header. */
    public static byte[] fields(byte[] header, FetchItem item) {
        return headerFields(header, item.fields(), item.section().equals("HEADER.FIELDS.NOT"));
    }

    /** The partial range of the item within a section of {@code length} bytes: {from, to} relative to it. */
    public static long[] partial(FetchItem item, long length) {
        if (item.partialStart() < 0) {
            return new long[] {0, length};
        }
        long from = Math.min(item.partialStart(), length);
        return new long[] {from, Math.min(length, from + item.partialLength())};
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
