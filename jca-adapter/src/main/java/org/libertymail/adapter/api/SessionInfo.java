package org.libertymail.adapter.api;

/**
 * One open connection of a listener, for administrators (Exchange's Get-...Connection lists).
 *
 * @param id the session's id, the one its protocol log lines carry
 * @param account the logged-in account, or null before login
 * @param remote the client's address and port
 * @param tls whether the connection is encrypted now
 * @param startedAtMillis when it connected
 * @param commands commands (and SMTP message lines, IMAP literals with their command) received so far
 */
public record SessionInfo(String id, Protocol protocol, String endpoint, String account, String remote, boolean tls,
        long startedAtMillis, long commands) {
}
