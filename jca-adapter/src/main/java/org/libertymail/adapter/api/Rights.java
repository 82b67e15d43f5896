package org.libertymail.adapter.api;

import java.util.Locale;

/**
 * Access rights to a folder in the letters of RFC 4314 section 2.1: l lookup, r read, s keep
 * \Seen, w write other flags, i insert (APPEND, COPY into), p post, k create folders below, x
 * delete the folder, t flag \Deleted, e expunge, a administer. Owners have every right but
 * "a": rights are granted by administrators (REST), never over IMAP.
 */
public final class Rights {
    /** Every right RFC 4314 defines, in its order. */
    public static final String ALL = "lrswipkxtea";
    /** An account on its own folders. */
    public static final String OWNER = "lrswipkxte";
    /** "read": see the folder and read its messages; the folder opens read-only. */
    public static final String READ = "lr";
    /** "read-write": also keep flags, add messages, delete and expunge them. */
    public static final String READ_WRITE = "lrswite";

    private Rights() {
    }

    public static boolean has(String rights, char right) {
        return rights != null && rights.indexOf(right) >= 0;
    }

    /** Whether a session may change anything in the folder; without, SELECT opens it read-only. */
    public static boolean writable(String rights) {
        return has(rights, 's') || has(rights, 'w') || has(rights, 't') || has(rights, 'e');
    }

    /**
     * The rights an administrator grants, in canonical order: "read", "read-write", or letters
     * of {@link #ALL}. @throws IllegalArgumentException for anything else
     */
    public static String parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "read":
                return READ;
            case "read-write":
            case "readwrite":
                return READ_WRITE;
            default:
                break;
        }
        for (char c : t.toCharArray()) {
            if (ALL.indexOf(c) < 0) {
                throw new IllegalArgumentException("Rights are \"read\", \"read-write\" or letters of \"" + ALL + "\", not \"" + text + "\"");
            }
        }
        return union(t, "");
    }

    /** Both sets of rights, in canonical order. */
    public static String union(String a, String b) {
        StringBuilder out = new StringBuilder();
        for (char c : ALL.toCharArray()) {
            if (has(a, c) || has(b, c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
