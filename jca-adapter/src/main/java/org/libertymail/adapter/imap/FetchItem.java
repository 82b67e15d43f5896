package org.libertymail.adapter.imap;

import java.util.List;

/**
 * One data item of a FETCH command.
 *
 * @param part for BODY sections, the part number ("" for the whole message, "1.2" …)
 * @param section for BODY sections: "", "HEADER", "TEXT", "MIME", "HEADER.FIELDS" or "HEADER.FIELDS.NOT"
 * @param fields header names for the HEADER.FIELDS sections, upper case
 * @param peek BODY.PEEK: do not set \Seen
 * @param partialStart origin octet of a partial fetch, or -1 for the whole section
 * @param responseName how the item is named in the response ("BODY[HEADER]", "RFC822", …)
 */
public record FetchItem(Kind kind, String part, String section, List<String> fields, boolean peek, long partialStart,
        long partialLength, String responseName) {

    public enum Kind {
        FLAGS, UID, RFC822_SIZE, INTERNALDATE, MODSEQ, ENVELOPE, BODYSTRUCTURE, BODY, BODY_SECTION,
        /** BINARY[part] (RFC 3516): the part without its transfer encoding. */
        BINARY, BINARY_SIZE
    }

    public FetchItem {
        fields = List.copyOf(fields);
    }

    public static FetchItem simple(Kind kind, String name) {
        return new FetchItem(kind, "", "", List.of(), true, -1, 0, name);
    }

    static FetchItem section(String part, String section, boolean peek, String name) {
        return new FetchItem(Kind.BODY_SECTION, part, section, List.of(), peek, -1, 0, name);
    }

    /** Whether the item is served from the stored header and structure. */
    public boolean needsStructure() {
        return switch (kind) {
            case ENVELOPE, BODYSTRUCTURE, BODY -> true;
            case BODY_SECTION -> !part.isEmpty() || !section.isEmpty();
            case BINARY, BINARY_SIZE -> true;
            default -> false;
        };
    }

    /** Whether the item needs message content beyond the stored header. */
    public boolean needsContent() {
        return kind == Kind.BODY_SECTION && !(part.isEmpty() && section.startsWith("HEADER"))
                || kind == Kind.BINARY || kind == Kind.BINARY_SIZE;
    }

    /** Fetching a body section without PEEK marks the message \Seen (RFC 3501 6.4.5). */
    public boolean setsSeen() {
        return (kind == Kind.BODY_SECTION || kind == Kind.BINARY) && !peek;
    }
}
