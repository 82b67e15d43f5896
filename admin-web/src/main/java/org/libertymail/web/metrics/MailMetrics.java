package org.libertymail.web.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.libertymail.adapter.api.EndpointMetrics;
import org.libertymail.ejb.service.OutboundQueueAdmin;
import org.libertymail.ejb.service.ProtocolService;
import org.libertymail.ejb.service.VerificationReport;
import org.libertymail.ejb.service.VerificationService;

/**
 * The listeners' traffic as MicroProfile Metrics (Prometheus text at /metrics), per protocol
 * and endpoint (receive connector or service binding): connections, refusals, open connections,
 * commands, octets in and out, authentication failures, messages accepted, and refusing replies
 * by reason; the failed checks of the latest configuration verification; the outbound queue's
 * recipients by state. The adapter counts; these gauges read its counters, at most once a second, and
 * endpoints and reasons that appear later are registered by a task every few seconds.
 */
@ApplicationScoped
public class MailMetrics {
    private static final Logger LOG = Logger.getLogger(MailMetrics.class.getName());
    static final long REFRESH_MILLIS = 1000;
    static final long REGISTER_SECONDS = 5;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @EJB
    ProtocolService protocols;

    @EJB
    VerificationService verification;

    @EJB
    OutboundQueueAdmin queue;

    private volatile Map<String, Long> queueCounts = Map.of();
    private volatile long queueReadAt;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Map<String, EndpointMetrics> latest = Map.of();
    private volatile long readAt;
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName("mailserver.verification.failures")
                .withDescription("Failed checks of the latest configuration verification (-1: none has run)").build(),
                this, MailMetrics::verificationFailures);
        for (String state : List.of("queued", "inflight", "deferred", "delivered", "failed")) {
            registry.gauge(Metadata.builder().withName("mailserver.queue.recipients")
                    .withDescription("Outbound queue: recipients by state (delivered and failed ones until purged)").build(),
                    this, self -> self.queueCounts().getOrDefault(state, 0L), new Tag("state", state));
        }
        task = scheduler.scheduleWithFixedDelay(this::register, 0, REGISTER_SECONDS, TimeUnit.SECONDS);
    }

    private long verificationFailures() {
        List<VerificationReport> last = verification.history(1);
        return last.isEmpty() ? -1 : last.get(0).checks().stream()
                .filter(c -> c.result().equals(VerificationReport.FAILURE)).count();
    }

    /** The queue's counts, read again when the last reading is older than a second. */
    private Map<String, Long> queueCounts() {
        long now = System.currentTimeMillis();
        if (now - queueReadAt > REFRESH_MILLIS) {
            queueCounts = queue.counts();
            queueReadAt = now;
        }
        return queueCounts;
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static String key(EndpointMetrics m) {
        return m.protocol().id() + "/" + m.endpoint();
    }

    /** The adapter's counters, read again when the last reading is older than a second. */
    private Map<String, EndpointMetrics> current() {
        long now = System.currentTimeMillis();
        if (now - readAt > REFRESH_MILLIS) {
            Map<String, EndpointMetrics> read = new ConcurrentHashMap<>();
            protocols.metrics().forEach(m -> read.put(key(m), m));
            latest = read;
            readAt = now;
        }
        return latest;
    }

    private void register() {
        try {
            for (EndpointMetrics m : current().values()) {
                String key = key(m);
                gauge(key, "connections", "Connections accepted", EndpointMetrics::connections);
                gauge(key, "connections.refused", "Connections refused over a connection limit", EndpointMetrics::refused);
                gauge(key, "connections.open", "Connections open now", EndpointMetrics::open);
                gauge(key, "commands", "Command lines and message chunks received", EndpointMetrics::commands);
                gauge(key, "bytes.received", "Octets received (after TLS)", EndpointMetrics::bytesIn);
                gauge(key, "bytes.sent", "Octets sent (before TLS)", EndpointMetrics::bytesOut);
                gauge(key, "auth.failures", "Logins refused for wrong credentials", EndpointMetrics::authFailures);
                gauge(key, "messages.accepted", "SMTP: messages stored", EndpointMetrics::messagesAccepted);
                for (String reason : m.rejections().keySet()) {
                    rejection(key, reason);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Mail metrics not read", e); // the adapter is starting or stopping
        }
    }

    private void gauge(String key, String name, String description, ToLongFunction<EndpointMetrics> value) {
        if (!registered.add(key + " " + name)) {
            return;
        }
        String[] k = key.split("/", 2);
        registry.gauge(Metadata.builder().withName("mailserver." + name).withDescription(description).build(), this,
                self -> {
                    EndpointMetrics m = self.current().get(key);
                    return m == null ? 0L : value.applyAsLong(m);
                }, new Tag("protocol", k[0]), new Tag("endpoint", k[1]));
    }

    private void rejection(String key, String reason) {
        if (!registered.add(key + " rejection " + reason)) {
            return;
        }
        String[] k = key.split("/", 2);
        registry.gauge(Metadata.builder().withName("mailserver.rejections")
                .withDescription("Refusing replies by reason: SMTP enhanced status code, POP3 -ERR code, IMAP NO/BAD code")
                .build(), this, self -> {
                    EndpointMetrics m = self.current().get(key);
                    return m == null ? 0L : m.rejections().getOrDefault(reason, 0L);
                }, new Tag("protocol", k[0]), new Tag("endpoint", k[1]), new Tag("reason", reason));
    }
}
