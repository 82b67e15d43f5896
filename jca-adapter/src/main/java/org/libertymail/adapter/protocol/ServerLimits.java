package org.libertymail.adapter.protocol;

/**
 * Limits every session enforces.
 *
 * @param maxMessageSize largest message accepted by SMTP, in octets
 * @param maxLineLength longest input line, in octets, before the transport discards it
 * @param maxRecipients RCPT TO commands accepted per SMTP transaction
 * @param maxBadCommands protocol errors tolerated before a session is closed
 * @param allowPlaintextAuth whether passwords may travel unprotected on non-loopback connections
 */
public record ServerLimits(long maxMessageSize, int maxLineLength, int maxRecipients, int maxBadCommands,
        boolean allowPlaintextAuth) {

    public static ServerLimits defaults() {
        return new ServerLimits(25L * 1024 * 1024, 65536, 100, 20, false);
    }
}
