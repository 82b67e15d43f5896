package org.libertymail.adapter.api;

/**
 * One line of a protocol log (Exchange's SmtpReceive, POP3 and IMAP4 logs).
 *
 * @param timeMillis epoch milliseconds
 * @param connector the receive connector or service binding ("smtp", "submission", "imaps", ...)
 * @param session the connection's id, the same on every line of one session
 * @param event "+" connected, "-" disconnected, "<" from the client, ">" to the client, "*" information
 * @param data the command or reply, passwords and AUTH data replaced by "****"
 */
public record ProtocolLogEntry(long timeMillis, String protocol, String connector, String session, String local,
        String remote, String event, String data) {
}
