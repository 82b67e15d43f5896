package org.libertymail.adapter.transport;

import org.libertymail.adapter.api.Protocol;

/**
 * Where one protocol listens.
 *
 * @param idleTimeoutSeconds how long a client may stay silent before the session ends
 */
public record ListenerSettings(Protocol protocol, String bindAddress, int port, boolean enabled,
        int idleTimeoutSeconds) {
}
