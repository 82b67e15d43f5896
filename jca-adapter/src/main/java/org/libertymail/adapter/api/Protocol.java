package org.libertymail.adapter.api;

import java.util.Locale;
import java.util.Optional;

/** The mail protocols the adapter listens for. */
public enum Protocol {
    SMTP, POP3, IMAP;

    /** The lower-case name used in configuration and the REST API ("smtp", "pop3", "imap"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Protocol> fromId(String id) {
        for (Protocol p : values()) {
            if (p.id().equalsIgnoreCase(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
