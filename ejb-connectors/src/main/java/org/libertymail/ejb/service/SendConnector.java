package org.libertymail.ejb.service;

import java.util.List;

/**
 * A send connector (Exchange's New-SendConnector): which destination domains it serves and how
 * it reaches them. Absent members take their defaults when stored: enabled, port 25,
 * Opportunistic TLS, encryption without certificate validation, the server's size limit.
 *
 * @param addressSpaces destination domains: "example.com", "*.example.com" (its subdomains and
 *        itself) or "*" (every domain); the most specific match among enabled connectors wins
 * @param smartHosts "host" or "host:port" tried in order; empty: the destination's MX hosts
 * @param tls "None", "Opportunistic" or "Required"
 * @param verifyCertificate with TLS, require a certificate the JVM trusts for the host's name
 * @param authPassword write-only: answers show "****" when one is set; stored sealed
 * @param maxMessageSize largest message it sends (octets); 0: no limit of its own
 * @param sourceIp the local address to connect from; null: any
 */
public record SendConnector(String name, Boolean enabled, List<String> addressSpaces, List<String> smartHosts, Integer port,
        String tls, Boolean verifyCertificate, String authUser, String authPassword, Long maxMessageSize, String sourceIp) {
    public static final String NONE = "None";
    public static final String OPPORTUNISTIC = "Opportunistic";
    public static final String REQUIRED = "Required";
    static final String MASK = "****";

    /** With every absent member at its default. */
    SendConnector withDefaults() {
        return new SendConnector(name, enabled == null || enabled, addressSpaces == null ? List.of() : List.copyOf(addressSpaces),
                smartHosts == null ? List.of() : List.copyOf(smartHosts), port == null ? 25 : port,
                tls == null ? OPPORTUNISTIC : tls, verifyCertificate != null && verifyCertificate, authUser, authPassword,
                maxMessageSize == null ? 0L : maxMessageSize, sourceIp);
    }

    /** As the API shows it: the password masked. */
    SendConnector masked() {
        return new SendConnector(name, enabled, addressSpaces, smartHosts, port, tls, verifyCertificate, authUser,
                authPassword == null ? null : MASK, maxMessageSize, sourceIp);
    }

    SendConnector withPassword(String password) {
        return new SendConnector(name, enabled, addressSpaces, smartHosts, port, tls, verifyCertificate, authUser, password,
                maxMessageSize, sourceIp);
    }
}
