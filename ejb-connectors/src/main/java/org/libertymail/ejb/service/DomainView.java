package org.libertymail.ejb.service;

/** A domain as the admin API shows it. */
public record DomainView(String name, long createdAt) {
}
