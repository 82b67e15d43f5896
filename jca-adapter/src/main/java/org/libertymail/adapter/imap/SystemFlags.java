package org.libertymail.adapter.imap;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The system flags of RFC 3501 section 2.3.2, in their canonical spelling. */
public final class SystemFlags {
    public static final String SEEN = "\\Seen";
    public static final String DELETED = "\\Deleted";
    public static final String RECENT = "\\Recent";
    public static final String ANSWERED = "\\Answered";
    public static final String FLAGGED = "\\Flagged";
    public static final String DRAFT = "\\Draft";
    public static final List<String> SETTABLE = List.of(ANSWERED, FLAGGED, DELETED, SEEN, DRAFT);

    private SystemFlags() {
    }

    /**
     * The flags a client names (STORE, APPEND) as the store keeps them: system flags in their
     * canonical case, keywords as given, and no {@code \Recent}, which is the server's to set (RFC 3501 2.3.2).
     */
    public static Set<String> fromClient(List<String> flags) {
        Set<String> result = new LinkedHashSet<>();
        for (String flag : flags) {
            String system = canonical(flag);
            if (system == null) {
                result.add(flag);
            } else if (!system.equals(RECENT)) {
                result.add(system);
            }
        }
        return result;
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
