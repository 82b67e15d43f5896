package org.libertymail.adapter.imap;

import java.util.List;

/** The system flags of RFC 3501 section 2.3.2, in their canonical spelling. */
public final class SystemFlags {
    public static final String SEEN = "\\Seen";
    public static final String DELETED = "\\Deleted";
    public static final String RECENT = "\\Recent";
    public static final List<String> SETTABLE = List.of("\\Answered", "\\Flagged", DELETED, SEEN, "\\Draft");

    private SystemFlags() {
    }

    /** @return the canonical spelling of a system flag, or null if {@code flag} is not one */
    public static String canonical(String flag) {
        for (String f : SETTABLE) {
            if (f.equalsIgnoreCase(flag)) {
                return f;
            }
        }
        return RECENT.equalsIgnoreCase(flag) ? RECENT : null;
    }
}
