package org.libertymail.adapter.outbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The enhanced status code of a reply (RFC 3463): the one it gives, else one derived from its code. */
final class EnhancedStatus {
    private static final Pattern GIVEN = Pattern.compile("^([245])\\.([0-9]{1,3})\\.([0-9]{1,3})\\b");

    private EnhancedStatus() {
    }

    static String of(int code, String firstLineText) {
        Matcher m = GIVEN.matcher(firstLineText);
        if (m.find() && m.group(1).charAt(0) == Character.forDigit(code / 100, 10)) {
            return m.group(1) + "." + m.group(2) + "." + m.group(3);
        }
        return (code / 100) + ".0.0";
    }
}
