package org.libertymail.adapter.api;

/**
 * The state of one protocol listener.
 *
 * @param enabled whether the listener should be bound (configuration or a live command)
 * @param bound whether its server socket is open now
 */
public record ListenerState(Protocol protocol, String bindAddress, int port, boolean enabled,
        boolean bound, int openSessions) {
}
