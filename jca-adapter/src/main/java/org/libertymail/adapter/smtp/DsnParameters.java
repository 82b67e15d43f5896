package org.libertymail.adapter.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The DSN extension's parameters (RFC 3461): RET and ENVID on MAIL, NOTIFY and ORCPT on RCPT.
 * Each check answers the SMTP refusal for a bad value, or null.
 */
final class DsnParameters {
    static final int MAX_ENVID = 100;
    private static final Set<String> NOTIFY_KINDS = Set.of("SUCCESS", "FAILURE", "DELAY");

    private DsnParameters() {
    }

    static String retProblem(String value) {
        return value.equalsIgnoreCase("FULL") || value.equalsIgnoreCase("HDRS") ? null : "501 5.5.4 RET must be FULL or HDRS";
    }

    static String envidProblem(String value) {
        if (decodeXtext(value) == null || value.isEmpty()) {
            return "501 5.5.4 ENVID must be xtext";
        }
        return value.length() > MAX_ENVID ? "501 5.5.4 ENVID longer than " + MAX_ENVID + " characters" : null;
    }

    /** @return the canonical NOTIFY value ("NEVER" or kinds joined by commas), or null when malformed */
    static String notify(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("NEVER")) {
            return upper;
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String kind : upper.split(",", -1)) {
            if (!NOTIFY_KINDS.contains(kind) || !kinds.add(kind)) {
                return null;
            }
        }
        return String.join(",", kinds);
    }

    static String orcptProblem(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon <= 0 || semicolon == value.length() - 1 || !value.substring(0, semicolon).matches("[A-Za-z0-9-]+")
                || decodeXtext(value.substring(semicolon + 1)) == null) {
            return "501 5.5.4 ORCPT must be addr-type;xtext";
        }
        return value.length() > 500 ? "501 5.5.4 ORCPT too long" : null;
    }

    /** xtext (RFC 3461 4): printable ASCII but '+' and '=', and "+XX" hex escapes; null when malformed. */
    static String decodeXtext(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length()) {
                    return null;
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || Character.isLowerCase(value.charAt(i + 1)) || Character.isLowerCase(value.charAt(i + 2))) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c < '!' || c > '~' || c == '=') {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
