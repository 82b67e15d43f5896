package org.libertymail.adapter.api;

import java.util.List;

/**
 * An SMTP receive connector, Exchange's model: where it listens, whom it serves and on what
 * terms. The mail store keeps them; the adapter applies them live. Zero limits mean "the
 * server's default"; null texts mean "generated".
 *
 * @param bindings "address:port" with IPv6 addresses in brackets, e.g. "0.0.0.0:25", "[::]:25"
 * @param remoteIpRanges source addresses served: an address, a CIDR block or "first-last";
 *        where several connectors share a binding, the most specific range wins
 * @param fqdn the name in the greeting, the EHLO reply and Received headers
 * @param banner the text after "220 " in the greeting
 * @param authMechanisms any of {@link #TLS}, {@link #BASIC_AUTH}, {@link #BASIC_AUTH_REQUIRE_TLS}
 *        (or {@link #NONE} alone)
 * @param implicitTls TLS from the first byte (465)
 * @param permissionGroups {@link #ANONYMOUS_USERS} (deliver to accepted domains without AUTH)
 *        and/or {@link #MAILBOX_USERS} (authenticated users send, from their own address)
 * @param connectionInactivityTimeout seconds a client may stay silent
 * @param protocolLogging whether its sessions are written to the SMTP protocol log
 * @param maxHopCount Received headers a message may carry (a mail loop beyond); 0: 60
 * @param maxMessagesPerSourcePerMinute transactions (MAIL FROM) one source address may start per
 *        minute; 0: no limit
 * @param connectionTimeout seconds a connection may last in all; 0: no limit
 * @param maxLogonFailures failed AUTH attempts in one connection before it is closed; 0: no limit
 * @param tarpitInterval milliseconds a failed AUTH's reply is held back at least
 * @param disabledExtensions ESMTP extensions not offered: any of PIPELINING, 8BITMIME,
 *        ENHANCEDSTATUSCODES, SIZE (STARTTLS and AUTH follow {@code authMechanisms})
 */
public record ReceiveConnector(String name, boolean enabled, List<String> bindings, List<String> remoteIpRanges,
        String fqdn, String banner, List<String> authMechanisms, boolean implicitTls, List<String> permissionGroups,
        long maxMessageSize, int maxRecipientsPerMessage, int maxInboundConnections, int maxInboundConnectionsPerSource,
        int connectionInactivityTimeout, boolean protocolLogging, int maxHopCount, int maxMessagesPerSourcePerMinute,
        int connectionTimeout, int maxLogonFailures, int tarpitInterval, List<String> disabledExtensions) {

    public static final String NONE = "None";
    public static final String TLS = "Tls";
    public static final String BASIC_AUTH = "BasicAuth";
    public static final String BASIC_AUTH_REQUIRE_TLS = "BasicAuthRequireTls";
    public static final String ANONYMOUS_USERS = "AnonymousUsers";
    public static final String MAILBOX_USERS = "MailboxUsers";

    public ReceiveConnector {
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
        remoteIpRanges = remoteIpRanges == null ? List.of() : List.copyOf(remoteIpRanges);
        authMechanisms = authMechanisms == null ? List.of() : List.copyOf(authMechanisms);
        permissionGroups = permissionGroups == null ? List.of() : List.copyOf(permissionGroups);
        disabledExtensions = disabledExtensions == null ? List.of() : List.copyOf(disabledExtensions);
    }
}
