package org.libertymail.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.libertymail.adapter.api.BindingState;
import org.libertymail.adapter.api.EndpointMetrics;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.ejb.service.OutboundQueueAdmin;
import org.libertymail.ejb.service.ProtocolService;
import org.libertymail.ejb.service.ReceiveConnectorService;
import org.libertymail.ejb.service.StoreStatistics;
import org.libertymail.ejb.service.VerificationReport;
import org.libertymail.ejb.service.VerificationService;

/**
 * The console's dashboard in one read: each service and receive connector up or down with its
 * bindings, sessions open now, messages received in the last hour (this server's), what the
 * store holds and the latest verification.
 */
@Path("dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {
    @EJB
    ProtocolService protocols;

    @EJB
    StoreStatistics store;

    @EJB
    ReceiveConnectorService connectors;

    @EJB
    OutboundQueueAdmin queue;

    @EJB
    VerificationService verification;

    /**
     * @param state "up" (every binding bound), "down" (enabled, some binding not bound) or
     *        "disabled"; for SMTP each receive connector is one endpoint
     */
    public record EndpointView(String protocol, String name, String state, List<BindingState> bindings) {
    }

    public record ServiceView(String protocol, String state, int sessions, List<EndpointView> endpoints) {
    }

    /** @param queue outbound recipients by state (queued, deferred, inflight, delivered, failed) */
    public record Dashboard(List<ServiceView> services, int sessions, long messagesLastHour,
            StoreStatistics.StoreUsage storage, VerificationReport verification, Map<String, Long> queue) {
    }

    @GET
    public Dashboard get() {
        List<ListenerState> listeners = protocols.listeners();
        List<String> disabledConnectors = connectors.list().stream().filter(c -> !c.enabled()).map(c -> c.name()).toList();
        List<ServiceView> services = listeners.stream().map(s -> service(s, disabledConnectors)).toList();
        long lastHour = protocols.metrics().stream().filter(m -> m.protocol() == Protocol.SMTP)
                .mapToLong(EndpointMetrics::messagesLastHour).sum();
        VerificationReport latest = verification.history(1).stream().findFirst().orElse(null);
        return new Dashboard(services, listeners.stream().mapToInt(ListenerState::openSessions).sum(), lastHour,
                store.usage(), latest, queue.counts());
    }

    private static ServiceView service(ListenerState s, List<String> disabledConnectors) {
        String protocol = s.protocol().id();
        // A service's endpoints are its bindings grouped by name: one per receive connector for
        // SMTP, the plain and TLS bindings for POP3 and IMAP.
        Map<String, List<BindingState>> byName = new LinkedHashMap<>();
        for (BindingState b : s.bindings()) {
            byName.computeIfAbsent(b.name(), n -> new ArrayList<>()).add(b);
        }
        List<EndpointView> endpoints = byName.entrySet().stream()
                .map(e -> new EndpointView(protocol, e.getKey(), state(s.enabled(),
                        e.getValue().stream().allMatch(BindingState::bound)), e.getValue()))
                .collect(Collectors.toCollection(ArrayList::new));
        if (s.protocol() == Protocol.SMTP) { // a disabled connector has no binding at all
            disabledConnectors.forEach(name -> endpoints.add(new EndpointView(protocol, name, "disabled", List.of())));
        }
        return new ServiceView(protocol, state(s.enabled(), s.bound()), s.openSessions(), endpoints);
    }

    private static String state(boolean enabled, boolean bound) {
        return !enabled ? "disabled" : bound ? "up" : "down";
    }
}
