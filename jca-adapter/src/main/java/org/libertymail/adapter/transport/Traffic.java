package org.libertymail.adapter.transport;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.libertymail.adapter.api.EndpointMetrics;
import org.libertymail.adapter.protocol.Endpoint;

/** Every endpoint's counters, by protocol and endpoint name; they outlive a changed binding. */
final class Traffic {
    private final ConcurrentHashMap<String, EndpointCounters> counters = new ConcurrentHashMap<>();

    EndpointCounters of(Endpoint endpoint) {
        return counters.computeIfAbsent(endpoint.protocol().id() + "/" + endpoint.name(),
                k -> new EndpointCounters(endpoint.protocol(), endpoint.name()));
    }

    List<EndpointMetrics> snapshot() {
        return counters.values().stream().map(EndpointCounters::snapshot)
                .sorted(Comparator.comparing((EndpointMetrics m) -> m.protocol().id()).thenComparing(EndpointMetrics::endpoint))
                .toList();
    }
}
