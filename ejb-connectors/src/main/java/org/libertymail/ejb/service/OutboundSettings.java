package org.libertymail.ejb.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the outbound queue retries, gives up and reports (MicroProfile Config; README "Outbound mail"). */
@ApplicationScoped
public class OutboundSettings {
    /** The first retry's delay; each further one doubles it, up to {@link #retryMaxSeconds}. */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.retry.seconds", defaultValue = "60")
    int retrySeconds;

    @Inject
    @ConfigProperty(name = "mailserver.outbound.retry.max.seconds", defaultValue = "3600")
    int retryMaxSeconds;

    /** How long a message is retried before it is bounced (Exchange's MessageExpirationTimeout: 2 days). */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.expiry.seconds", defaultValue = "172800")
    long expirySeconds;

    /** After how long in the queue the sender is told of a delay (0: never). */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.delay.notify.seconds", defaultValue = "14400")
    long delayNotifySeconds;

    /** How often the queue looks for due work. */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.poll.millis", defaultValue = "5000")
    long pollMillis;

    /** Destinations served at once by this server. */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.concurrency", defaultValue = "8")
    int concurrency;

    /** Messages one connection carries at most. */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.messages.per.connection", defaultValue = "20")
    int messagesPerConnection;

    /** Seconds an SMTP connection waits to connect and for each reply. */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.timeout.seconds", defaultValue = "60")
    int timeoutSeconds;

    /** The DNS server for MX lookups ("host" or "host:port"); empty: the system's. */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.dns.server", defaultValue = " ")
    String dnsServer;

    /** How long delivered and failed entries stay listed in the queue. */
    @Inject
    @ConfigProperty(name = "mailserver.outbound.keep.seconds", defaultValue = "86400")
    long keepSeconds;

    long retryDelayMillis(int attempts) {
        long delay = (long) retrySeconds * 1000L << Math.min(Math.max(attempts - 1, 0), 20);
        return Math.min(delay, retryMaxSeconds * 1000L);
    }

    long expiryMillis() {
        return expirySeconds * 1000L;
    }

    long delayNotifyMillis() {
        return delayNotifySeconds * 1000L;
    }

    long pollMillis() {
        return pollMillis;
    }

    int concurrency() {
        return concurrency;
    }

    int messagesPerConnection() {
        return messagesPerConnection;
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    String dnsServer() {
        return dnsServer == null || dnsServer.isBlank() ? null : dnsServer.strip();
    }

    long keepMillis() {
        return keepSeconds * 1000L;
    }
}
