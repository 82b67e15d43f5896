package org.libertymail.adapter.api;

/**
 * What the store says to a login: the canonical account, or why not. A mailbox or protocol
 * that is disabled is told only after the password was right, so guessing learns nothing. A
 * successful login carries the mailbox's own settings.
 */
public record LoginResult(String account, Refusal refusal, MailboxOverrides overrides) {
    public enum Refusal {
        /** Unknown user or wrong password. */
        CREDENTIALS,
        /** The administrator disabled the mailbox. */
        MAILBOX_DISABLED,
        /** The administrator disabled this protocol for the mailbox (Exchange's Set-CASMailbox). */
        PROTOCOL_DISABLED
    }

    public LoginResult {
        overrides = overrides == null ? MailboxOverrides.NONE : overrides;
    }

    public static LoginResult ok(String account) {
        return new LoginResult(account, null, MailboxOverrides.NONE);
    }

    public static LoginResult ok(String account, MailboxOverrides overrides) {
        return new LoginResult(account, null, overrides);
    }

    public static LoginResult refused(Refusal refusal) {
        return new LoginResult(null, refusal, MailboxOverrides.NONE);
    }

    public boolean succeeded() {
        return account != null;
    }
}
