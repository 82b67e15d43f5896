package org.libertymail.adapter.api;

import java.util.Map;

/**
 * One listener endpoint's traffic since the adapter started (a receive connector's binding, or
 * a POP3/IMAP service's plain or TLS bindings), for the server's metrics.
 *
 * @param endpoint the receive connector's name, or the service's ("pop3", "pop3s", "imap", "imaps")
 * @param connections connections accepted
 * @param refused connections refused over a connection limit
 * @param open connections open now
 * @param commands command lines and message chunks received
 * @param bytesIn octets received (after TLS)
 * @param bytesOut octets sent (before TLS)
 * @param authFailures logins refused for wrong credentials
 * @param messagesAccepted SMTP: messages stored (250 after DATA or BDAT LAST)
 * @param messagesLastHour of those, the ones stored in the last 60 minutes
 * @param rejections refusing replies by reason: SMTP's enhanced status code (or reply code),
 *        POP3's "-ERR" with its response code, IMAP's "NO"/"BAD" with its response code
 */
public record EndpointMetrics(Protocol protocol, String endpoint, long connections, long refused, long open, long commands,
        long bytesIn, long bytesOut, long authFailures, long messagesAccepted,
        long messagesLastHour, Map<String, Long> rejections) {
    public EndpointMetrics {
        rejections = Map.copyOf(rejections);
    }
}
