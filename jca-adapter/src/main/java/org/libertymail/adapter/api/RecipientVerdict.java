package org.libertymail.adapter.api;

/** What the store says about one SMTP recipient. */
public enum RecipientVerdict {
    /** A mailbox of a local domain: accept. */
    ACCEPTED,
    /** A local domain without such a mailbox: 550 5.1.1. */
    UNKNOWN_MAILBOX,
    /** Not a local domain, and no send connector routes it: 550 5.7.1. */
    RELAY_DENIED,
    /**
     * Not a local domain, but a send connector routes it: queued for an authenticated client
     * of a connector that lets mailbox users send (else 550 5.7.1, relay denied).
     */
    REMOTE,
    /** The mailbox is full, or would be with the declared message size: 552 5.2.2. */
    OVER_QUOTA
}
