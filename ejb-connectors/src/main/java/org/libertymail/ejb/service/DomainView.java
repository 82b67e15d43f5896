package org.libertymail.ejb.service;

/** A domain as the admin API shows it, with the default quota of its mailboxes (null: unlimited). */
public record DomainView(String name, String createdAt, Long quotaBytes, Long quotaMessages) {
}
