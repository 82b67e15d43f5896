package org.libertymail.adapter.transport;

import java.util.List;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.Endpoint;

/**
 * Where one protocol listens: its bindings, each with its own rules.
 *
 * @param idleTimeoutSeconds how long a client may stay silent before the session ends
 */
public record ListenerSettings(Protocol protocol, boolean enabled, int idleTimeoutSeconds, List<Endpoint> endpoints) {
    public ListenerSettings {
        endpoints = List.copyOf(endpoints);
    }
}
