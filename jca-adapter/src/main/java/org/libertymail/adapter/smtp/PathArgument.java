package org.libertymail.adapter.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The argument of MAIL FROM / RCPT TO: a path in angle brackets and ESMTP parameters
 * (RFC 5321 section 4.1.2).
 *
 * @param address the mailbox without brackets; "" for the null reverse-path {@code <>}
 * @param parameters keyword (upper case) to value ("" when the parameter has no value)
 */
public record PathArgument(String address, Map<String, String> parameters) {

    /**
     * Parses "FROM:&lt;a@b&gt; SIZE=10". Tolerates a space after the colon, which some clients
     * send. Returns empty when the syntax is wrong.
     */
    public static Optional<PathArgument> parse(String argument, String keyword) {
        String prefix = keyword + ":";
        if (argument.length() < prefix.length() || !argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        if (!rest.startsWith("<")) {
            return Optional.empty();
        }
        int close = rest.indexOf('>');
        if (close < 0) {
            return Optional.empty();
        }
        String address = rest.substring(1, close);
        // A source route (@a,@b:user@c) is obsolete; RFC 5321 says accept it and ignore the route.
        if (address.startsWith("@")) {
            int colon = address.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            address = address.substring(colon + 1);
        }
        if (!address.isEmpty() && !isMailbox(address)) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String params = rest.substring(close + 1).strip();
        if (!params.isEmpty()) {
            for (String param : params.split(" +")) {
                int eq = param.indexOf('=');
                String key = (eq < 0 ? param : param.substring(0, eq)).toUpperCase(Locale.ROOT);
                if (key.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(key, eq < 0 ? "" : param.substring(eq + 1));
            }
        }
        return Optional.of(new PathArgument(address, parameters));
    }

    private static boolean isMailbox(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == 127) {
                return false;
            }
        }
        return true;
    }
}
