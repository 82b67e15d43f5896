package org.libertymail.ejb.service;

import java.util.Locale;

/** A send connector's address spaces: "example.com", "*.example.com" or "*". */
final class AddressSpaces {
    private AddressSpaces() {
    }

    /**
     * How specifically an address space matches a domain: -1 not at all, 0 for "*", the
     * suffix's length for "*.suffix" (the suffix itself and its subdomains), and more than any
     * suffix for the domain itself.
     */
    static int match(String space, String domain) {
        String s = space.toLowerCase(Locale.ROOT);
        if (s.equals("*")) {
            return 0;
        }
        if (s.startsWith("*.")) {
            String suffix = s.substring(2);
            return domain.equals(suffix) || domain.endsWith("." + suffix) ? suffix.length() : -1;
        }
        return s.equals(domain) ? 1000 : -1;
    }
}
