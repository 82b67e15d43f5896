package org.libertymail.adapter.api;

import java.util.List;

/**
 * The state of one protocol listener.
 *
 * @param bindAddress the first binding's address (the protocol's plain port)
 * @param port the first binding's port
 * @param enabled whether the listener should be bound (configuration or a live command)
 * @param bound whether every binding's server socket is open now
 * @param bindings every binding of the protocol
 */
public record ListenerState(Protocol protocol, String bindAddress, int port, boolean enabled,
        boolean bound, int openSessions, List<BindingState> bindings) {
}
