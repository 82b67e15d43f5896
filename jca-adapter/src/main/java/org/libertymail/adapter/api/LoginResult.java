package org.libertymail.adapter.api;

/**
 * What the store says to a login: the canonical account, or why not. A mailbox or protocol
 * that is disabled is told only after the password was right, so guessing learns nothing.
 */
public record LoginResult(String account, Refusal refusal) {
    public enum Refusal {
        /** Unknown user or wrong password. */
        CREDENTIALS,
        /** The administrator disabled the mailbox. */
        MAILBOX_DISABLED,
        /** The administrator disabled this protocol for the mailbox (Exchange's Set-CASMailbox). */
        PROTOCOL_DISABLED
    }

    public static LoginResult ok(String account) {
        return new LoginResult(account, null);
    }

    public static LoginResult refused(Refusal refusal) {
        return new LoginResult(null, refusal);
    }

    public boolean succeeded() {
        return account != null;
    }
}
