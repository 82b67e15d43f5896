package org.libertymail.ejb.service;

import jakarta.json.JsonValue;

/**
 * One change made through the admin API, as the audit log shows it: {@code at} in RFC 3339;
 * {@code request}, {@code before} and {@code after} as JSON (null when there was none), secrets
 * masked.
 */
public record AuditView(long id, String at, String actor, String method, String target, int status, JsonValue request,
        JsonValue before, JsonValue after) {
}
