package org.libertymail.adapter.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the data items of FETCH (RFC 3501 section 6.4.5 and the fetch-att grammar). */
final class FetchItemParser {
    private FetchItemParser() {
    }

    static List<FetchItem> parse(ImapReader r) {
        List<FetchItem> items = new ArrayList<>();
        if (r.consume('(')) {
            do {
                items.add(item(r));
            } while (r.consume(' '));
            r.expect(')');
            return items;
        }
        String first = r.lookAheadAtom().toUpperCase(Locale.ROOT);
        switch (first) {
            case "FAST" -> {
                r.atom();
                items.add(FetchItem.simple(FetchItem.Kind.FLAGS, "FLAGS"));
                items.add(FetchItem.simple(FetchItem.Kind.INTERNALDATE, "INTERNALDATE"));
                items.add(FetchItem.simple(FetchItem.Kind.RFC822_SIZE, "RFC822.SIZE"));
            }
            case "ALL", "FULL" -> throw new ImapParseException(first + " needs ENVELOPE, which is not supported yet");
            default -> items.add(item(r));
        }
        return items;
    }

    private static FetchItem item(ImapReader r) {
        String name = r.until(" )[<").toUpperCase(Locale.ROOT);
        switch (name) {
            case "FLAGS":
                return FetchItem.simple(FetchItem.Kind.FLAGS, "FLAGS");
            case "UID":
                return FetchItem.simple(FetchItem.Kind.UID, "UID");
            case "RFC822.SIZE":
                return FetchItem.simple(FetchItem.Kind.RFC822_SIZE, "RFC822.SIZE");
            case "INTERNALDATE":
                return FetchItem.simple(FetchItem.Kind.INTERNALDATE, "INTERNALDATE");
            case "RFC822":
                return new FetchItem(FetchItem.Kind.BODY_SECTION, "", List.of(), false, -1, 0, "RFC822");
            case "RFC822.HEADER":
                return new FetchItem(FetchItem.Kind.BODY_SECTION, "HEADER", List.of(), true, -1, 0, "RFC822.HEADER");
            case "RFC822.TEXT":
                return new FetchItem(FetchItem.Kind.BODY_SECTION, "TEXT", List.of(), false, -1, 0, "RFC822.TEXT");
            case "BODY", "BODY.PEEK":
                if (r.peek() != '[') {
                    throw new ImapParseException("BODY without a section (body structure) is not supported yet");
                }
                return section(r, name.equals("BODY.PEEK"));
            case "":
                throw new ImapParseException("Missing fetch attribute");
            default:
                throw new ImapParseException("Unsupported fetch attribute " + name);
        }
    }

    private static FetchItem section(ImapReader r, boolean peek) {
        r.expect('[');
        String spec = r.until("] ").toUpperCase(Locale.ROOT);
        List<String> fields = new ArrayList<>();
        String section;
        switch (spec) {
            case "", "HEADER", "TEXT" -> section = spec;
            case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                section = spec;
                r.space();
                r.expect('(');
                do {
                    fields.add(r.astring().toUpperCase(Locale.ROOT));
                } while (r.consume(' '));
                r.expect(')');
            }
            default -> throw new ImapParseException("Unsupported body section " + spec);
        }
        r.expect(']');
        String responseSection = fields.isEmpty() ? section : section + " (" + String.join(" ", fields) + ")";
        long start = -1;
        long length = 0;
        String origin = "";
        if (r.consume('<')) {
            start = r.number();
            r.expect('.');
            length = r.number();
            if (length == 0) {
                throw new ImapParseException("Partial length must be positive");
            }
            r.expect('>');
            origin = "<" + start + ">";
        }
        return new FetchItem(FetchItem.Kind.BODY_SECTION, section, fields, peek, start, length,
                "BODY[" + responseSection + "]" + origin);
    }
}
