package org.libertymail.adapter.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Parses the data items of FETCH (RFC 3501 section 6.4.5 and the fetch-att grammar). */
final class FetchItemParser {
    /** The items that are named and answered as they are, without a section. */
    private static final Map<String, FetchItem.Kind> SIMPLE = Map.of("FLAGS", FetchItem.Kind.FLAGS, "UID", FetchItem.Kind.UID,
            "RFC822.SIZE", FetchItem.Kind.RFC822_SIZE, "INTERNALDATE", FetchItem.Kind.INTERNALDATE,
            "MODSEQ", FetchItem.Kind.MODSEQ, "ENVELOPE", FetchItem.Kind.ENVELOPE,
            "BODYSTRUCTURE", FetchItem.Kind.BODYSTRUCTURE);
    /** FAST, ALL and FULL (RFC 3501 6.4.5). */
    private static final Map<String, List<FetchItem>> MACROS = Map.of(
            "FAST", simple("FLAGS", "INTERNALDATE", "RFC822.SIZE"),
            "ALL", simple("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"),
            "FULL", Stream.concat(simple("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE").stream(),
                    Stream.of(FetchItem.simple(FetchItem.Kind.BODY, "BODY"))).toList());

    private static List<FetchItem> simple(String... names) {
        return Stream.of(names).map(n -> FetchItem.simple(SIMPLE.get(n), n)).toList();
    }

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
        List<FetchItem> macro = MACROS.get(first);
        if (macro != null) {
            r.atom();
            items.addAll(macro);
        } else {
            items.add(item(r));
        }
        return items;
    }

    private static FetchItem item(ImapReader r) {
        String name = r.until(" )[<").toUpperCase(Locale.ROOT);
        FetchItem.Kind simple = SIMPLE.get(name);
        if (simple != null) {
            return FetchItem.simple(simple, name);
        }
        switch (name) {
            case "RFC822":
                return FetchItem.section("", "", false, "RFC822");
            case "RFC822.HEADER":
                return FetchItem.section("", "HEADER", true, "RFC822.HEADER");
            case "RFC822.TEXT":
                return FetchItem.section("", "TEXT", false, "RFC822.TEXT");
            case "BINARY", "BINARY.PEEK", "BINARY.SIZE":
                return binary(r, name);
            case "BODY", "BODY.PEEK":
                if (r.peek() != '[') {
                    if (name.equals("BODY.PEEK")) {
                        throw new ImapParseException("BODY.PEEK needs a section");
                    }
                    return FetchItem.simple(FetchItem.Kind.BODY, "BODY");
                }
                return section(r, name.equals("BODY.PEEK"));
            case "":
                throw new ImapParseException("Missing fetch attribute");
            default:
                throw new ImapParseException("Unsupported fetch attribute " + name);
        }
    }

    /** BINARY[part]<partial>, BINARY.PEEK[part]<partial>, BINARY.SIZE[part] (RFC 3516 4.2). */
    private static FetchItem binary(ImapReader r, String name) {
        r.expect('[');
        String part = r.until("]");
        if (!part.isEmpty() && !part.matches("[1-9][0-9]*(\\.[1-9][0-9]*)*")) {
            throw new ImapParseException("BINARY takes part numbers only");
        }
        r.expect(']');
        if (name.equals("BINARY.SIZE")) {
            return new FetchItem(FetchItem.Kind.BINARY_SIZE, part, "", List.of(), true, -1, 0, "BINARY.SIZE[" + part + "]");
        }
        Partial partial = partial(r);
        return new FetchItem(FetchItem.Kind.BINARY, part, "", List.of(), name.equals("BINARY.PEEK"), partial.start(),
                partial.length(), "BINARY[" + part + "]" + partial.origin());
    }

    private static FetchItem section(ImapReader r, boolean peek) {
        r.expect('[');
        String spec = r.until("] ").toUpperCase(Locale.ROOT);
        String part = "";
        String text = spec;
        // section-part: nz-number *("." nz-number), then optionally "." section-text
        int i = 0;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            int start = i;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            if (spec.charAt(start) == '0') {
                throw new ImapParseException("Part numbers start at 1");
            }
            part = spec.substring(0, i);
            if (i < spec.length() && spec.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        if (!part.isEmpty()) {
            text = i < spec.length() ? spec.substring(i) : "";
            if (i == spec.length() && spec.endsWith(".")) {
                throw new ImapParseException("Bad body section " + spec);
            }
        }
        List<String> fields = new ArrayList<>();
        String section;
        switch (text) {
            case "", "HEADER", "TEXT" -> section = text;
            case "MIME" -> {
                if (part.isEmpty()) {
                    throw new ImapParseException("MIME needs a part number");
                }
                section = text;
            }
            case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                section = text;
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
        String named = part.isEmpty() || section.isEmpty() ? part + section : part + "." + section;
        String responseSection = fields.isEmpty() ? named : named + " (" + String.join(" ", fields) + ")";
        Partial partial = partial(r);
        return new FetchItem(FetchItem.Kind.BODY_SECTION, part, section, fields, peek, partial.start(), partial.length(),
                "BODY[" + responseSection + "]" + partial.origin());
    }

    /** "<" origin "." length ">" after a section; start -1 when there is none. */
    private record Partial(long start, long length, String origin) {
    }

    private static Partial partial(ImapReader r) {
        if (!r.consume('<')) {
            return new Partial(-1, 0, "");
        }
        long start = r.number();
        r.expect('.');
        long length = r.number();
        if (length == 0) {
            throw new ImapParseException("Partial length must be positive");
        }
        r.expect('>');
        return new Partial(start, length, "<" + start + ">");
    }
}
