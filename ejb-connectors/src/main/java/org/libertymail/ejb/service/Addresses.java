package org.libertymail.ejb.service;

import java.util.Locale;
import java.util.regex.Pattern;

/** Validation and normalization of domain names and mailbox addresses. */
public final class Addresses {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /** RFC 5321 dot-string local parts; quoted local parts are not offered for new mailboxes. */
    private static final Pattern LOCAL_PART = Pattern.compile(
            "(?=.{1,64}$)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private Addresses() {
    }

    /** @return the domain in lower case, or null if it is not a valid host name */
    public static String domain(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        return DOMAIN.matcher(lower).matches() ? lower : null;
    }

    /** @return the address with its domain in lower case, or null if invalid */
    public static String address(String address) {
        if (address == null) {
            return null;
        }
        String trimmed = address.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0) {
            return null;
        }
        String local = trimmed.substring(0, at);
        String domain = domain(trimmed.substring(at + 1));
        if (domain == null || !LOCAL_PART.matcher(local).matches()) {
            return null;
        }
        // Local parts are case-sensitive by the RFC, but every major server treats them as not.
        return local.toLowerCase(Locale.ROOT) + "@" + domain;
    }

    public static String domainOf(String normalizedAddress) {
        return normalizedAddress.substring(normalizedAddress.lastIndexOf('@') + 1);
    }
}
