package org.libertymail.adapter.imap;

import java.util.List;

/**
 * One data item of a FETCH command.
 *
 * @param section for BODY items: "", "HEADER", "TEXT", "HEADER.FIELDS" or "HEADER.FIELDS.NOT"
 * @param fields header names for the HEADER.FIELDS sections, upper case
 * @param peek BODY.PEEK: do not set \Seen
 * @param partialStart origin octet of a partial fetch, or -1 for the whole section
 * @param responseName how the item is named in the response ("BODY[HEADER]", "RFC822", …)
 */
public record FetchItem(Kind kind, String section, List<String> fields, boolean peek, long partialStart,
        long partialLength, String responseName) {

    public enum Kind {
        FLAGS, UID, RFC822_SIZE, INTERNALDATE, BODY_SECTION
    }

    public FetchItem {
        fields = List.copyOf(fields);
    }

    public static FetchItem simple(Kind kind, String name) {
        return new FetchItem(kind, "", List.of(), true, -1, 0, name);
    }

    public boolean needsContent() {
        return kind == Kind.BODY_SECTION;
    }

    /** Fetching a body section without PEEK marks the message \Seen (RFC 3501 6.4.5). */
    public boolean setsSeen() {
        return kind == Kind.BODY_SECTION && !peek;
    }
}
