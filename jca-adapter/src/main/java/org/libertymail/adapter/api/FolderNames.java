package org.libertymail.adapter.api;

import java.util.regex.Pattern;

/** The folder names CREATE and RENAME accept (RFC 3501 5.1: modified UTF-7, one delimiter). */
public final class FolderNames {
    static final int MAX_LENGTH = 512;
    private static final String DELIMITER = String.valueOf(FolderInfo.DELIMITER);
    /** "&" starts a base64 run ended by "-"; "&-" is "&" itself (RFC 3501 5.1.3). */
    private static final Pattern MODIFIED_UTF7 = Pattern.compile("(?:[^&]|&-|&[A-Za-z0-9+,]+-)*");

    private FolderNames() {
    }

    /** CREATE "a/b/" asks for "a/b" as a future parent (RFC 3501 6.3.3): the name without it. */
    public static String withoutTrailingDelimiter(String name) {
        return name.length() > 1 && name.endsWith(DELIMITER) ? name.substring(0, name.length() - 1) : name;
    }

    /** Why {@code name} cannot be a folder's name, or null when it can. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "Empty mailbox name";
        }
        if (name.length() > MAX_LENGTH) {
            return "Mailbox name longer than " + MAX_LENGTH + " characters";
        }
        if (name.startsWith(DELIMITER) || name.endsWith(DELIMITER) || name.contains(DELIMITER + DELIMITER)) {
            return "Empty level in mailbox name";
        }
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c >= 0x7f) {
                return "Mailbox names are 7-bit (modified UTF-7)";
            }
            if (c == '*' || c == '%') {
                return "Wildcards are not allowed in mailbox names";
            }
        }
        if (!MODIFIED_UTF7.matcher(name).matches()) {
            return "Bad modified UTF-7 in mailbox name";
        }
        return null;
    }
}
