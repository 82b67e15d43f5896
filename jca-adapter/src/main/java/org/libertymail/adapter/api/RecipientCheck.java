package org.libertymail.adapter.api;

/**
 * The store's answer to one RCPT TO, with the room the mailbox had left at that moment, so the
 * adapter can answer the next RCPTs for the same mailbox for a few seconds without asking again.
 *
 * @param roomMessages messages the mailbox could still take ({@link Long#MAX_VALUE}: no quota)
 * @param roomBytes bytes the mailbox could still take ({@link Long#MAX_VALUE}: no quota)
 */
public record RecipientCheck(RecipientVerdict verdict, long roomMessages, long roomBytes) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public static RecipientCheck accepted(long roomMessages, long roomBytes) {
        return new RecipientCheck(RecipientVerdict.ACCEPTED, roomMessages, roomBytes);
    }

    /** An address of another domain that a send connector routes; never remembered. */
    public static RecipientCheck remote() {
        return new RecipientCheck(RecipientVerdict.REMOTE, 0, 0);
    }

    /** A refusal; it carries no room and is never remembered. */
    public static RecipientCheck refused(RecipientVerdict verdict) {
        return new RecipientCheck(verdict, 0, 0);
    }
}
