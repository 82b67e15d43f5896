package org.libertymail.adapter.api;

/**
 * A mailbox's quota and what it uses (IMAP QUOTA, RFC 9208): the mailbox's own limits or its
 * domain's default.
 *
 * @param limitBytes null: no limit
 * @param limitMessages null: no limit
 */
public record QuotaUsage(long usedBytes, Long limitBytes, long usedMessages, Long limitMessages) {
}
