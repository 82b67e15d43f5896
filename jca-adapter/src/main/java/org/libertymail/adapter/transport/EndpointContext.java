package org.libertymail.adapter.transport;

import java.util.concurrent.Executor;

import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.protocol.abuse.ConnectionLimits;

/**
 * What every connection accepted for one endpoint shares, held once per endpoint rather than
 * copied into each connection's handler (an idle connection's heap is a benchmark figure).
 *
 * @param logs the protocol log, or null when the endpoint does not log
 * @param connections the listener's connection limits, a slot of which each connection holds
 * @param own the endpoint's own connection limits, or null when it sets none
 * @param idleSeconds the idle timeout before login
 * @param defaultIdleSeconds the listener's idle timeout, after login unless the access options set one
 * @param lifetimeSeconds the longest a connection may stay open; 0: no limit
 */
record EndpointContext(SessionFactory factory, Executor workers, String serverName, ServerLimits limits,
        Endpoint endpoint, TlsContexts tls, ProtocolLogs logs, UserSessions users, MailboxWatchers watchers,
        LiveSessions live, EndpointCounters counters, ConnectionLimits connections, ConnectionLimits own,
        int idleSeconds, int defaultIdleSeconds, int lifetimeSeconds) {

    /**
     * Gives back what a closed connection held: its slots in the connection limits and its
     * count among the open ones. Called by its handler, not by listeners on each channel's close
     * future, which would cost every connection a listener object or three.
     */
    void released(String source) {
        connections.release(source);
        if (own != null) {
            own.release(source);
        }
        counters.open.decrement();
    }
}
