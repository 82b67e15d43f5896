package org.libertymail.ejb.service;

/** A mailbox as the admin API shows it (never its password hash). */
public record MailboxView(String address, String domain, long createdAt) {
}
