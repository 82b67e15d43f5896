package org.libertymail.adapter.api;

import java.util.List;

/**
 * How a send connector reaches a destination: its smart hosts, or the destination's MX hosts.
 *
 * @param smartHosts "host" or "host:port" tried in order; empty: look up the domain's MX
 *        (RFC 5321 5.1; no MX: the domain's own address)
 * @param port the port for hosts given without one, and for MX hosts
 * @param tls whether STARTTLS is used: never, when offered, or always (else the attempt fails)
 * @param verifyCertificate when TLS is used, require a certificate the JVM trusts that names
 *        the host (Exchange's CertificateValidation); false: encryption only
 * @param user SMTP AUTH user for the smart host, or null
 * @param password SMTP AUTH password, or null
 * @param heloName the name this server gives in EHLO
 * @param sourceAddress the local address to connect from, or null for any
 * @param dnsServer the DNS server for MX lookups ("host" or "host:port"), or null for the system's
 * @param timeoutSeconds for connecting and for each reply
 */
public record OutboundRoute(List<String> smartHosts, int port, OutboundTls tls, boolean verifyCertificate, String user,
        String password, String heloName, String sourceAddress, String dnsServer, int timeoutSeconds) {
    public OutboundRoute {
        smartHosts = smartHosts == null ? List.of() : List.copyOf(smartHosts);
    }

    /** When to use STARTTLS on an outbound connection. */
    public enum OutboundTls {
        NONE, OPPORTUNISTIC, REQUIRED
    }

    @Override
    public String toString() { // never the password, whatever logs it
        return "OutboundRoute[smartHosts=" + smartHosts + ", port=" + port + ", tls=" + tls + ", user=" + user + "]";
    }
}
