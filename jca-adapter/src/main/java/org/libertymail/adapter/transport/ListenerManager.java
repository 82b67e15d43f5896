package org.libertymail.adapter.transport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import org.libertymail.adapter.api.EndpointMetrics;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ProtocolLogEntry;
import org.libertymail.adapter.api.ProtocolLogFilter;
import org.libertymail.adapter.api.SessionInfo;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.protocol.abuse.AbuseSettings;

/**
 * Owns the event loops and the listeners of every protocol. A few I/O threads serve every
 * connection; session work runs on the worker executor. Both executors come from the container.
 */
public final class ListenerManager {
    private static final Logger LOG = Logger.getLogger(ListenerManager.class.getName());

    private final Map<Protocol, ProtocolListener> listeners = new EnumMap<>(Protocol.class);
    private final Executor ioExecutor;
    private final Executor workers;
    private final int ioThreads;
    private final String serverName;
    private final ServerLimits limits;
    private final TlsContexts tls;
    private final AbuseSettings abuse;
    private final ProtocolLogs logs;
    private final MailboxWatchers watchers = new MailboxWatchers();
    private final LiveSessions live = new LiveSessions();
    private final Traffic traffic = new Traffic();
    private EventLoopGroup group;

    /** @param tls the certificate for TLS bindings and STARTTLS, or null for none */
    public ListenerManager(int ioThreads, Executor ioExecutor, Executor workers, String serverName, ServerLimits limits,
            TlsContexts tls, AbuseSettings abuse, ProtocolLogs logs) {
        this.abuse = abuse;
        this.logs = logs;
        this.ioThreads = ioThreads;
        this.ioExecutor = ioExecutor;
        this.workers = workers;
        this.serverName = serverName;
        this.limits = limits;
        this.tls = tls;
    }

    /** Tells {@code hook} of each change to an account's mail that a session of this server made or saw. */
    public void onMailboxChange(Consumer<String> hook) {
        watchers.onChange(hook);
    }

    /** A change made elsewhere (another server on the same store): the watching sessions look. */
    public void mailboxChanged(String account) {
        watchers.changed(account);
    }

    /** Every open connection of every listener, oldest first. */
    /** Every endpoint's traffic since the adapter started. */
    public List<EndpointMetrics> metrics() {
        return traffic.snapshot();
    }

    public List<SessionInfo> sessions() {
        return live.list();
    }

    /** Closes one connection. @return whether it was open */
    public boolean disconnect(String sessionId) {
        return live.disconnect(sessionId);
    }

    /** Closes the account's connections of one protocol, or of all (null). @return how many */
    public int disconnect(String account, Protocol protocol) {
        return live.disconnect(account, protocol);
    }

    public void register(ListenerSettings settings, SessionFactory factory) {
        listeners.put(settings.protocol(), new ProtocolListener(settings, factory, tls, abuse, logs, watchers, live, traffic));
    }

    /** Starts the event loops and binds every enabled listener; a port in use is logged, not fatal. */
    public synchronized void start() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(ioThreads, ioExecutor, NioIoHandler.newFactory());
            group.next().scheduleAtFixedRate(live::sweep, 1, 1, TimeUnit.SECONDS);
        }
        for (ProtocolListener listener : listeners.values()) {
            if (listener.enabled()) {
                bind(listener);
            }
        }
    }

    public synchronized ListenerState setEnabled(Protocol protocol, boolean enabled) {
        ProtocolListener listener = listener(protocol);
        listener.setEnabled(enabled);
        if (enabled && group != null) {
            bind(listener);
        } else if (!enabled) {
            listener.unbind();
            LOG.info(() -> protocol + " listener stopped");
        }
        return listener.state();
    }

    /**
     * Applies a new set of endpoints to one protocol now: new connections follow them at once,
     * sessions in flight keep the rules they started with; a socket no longer used is closed and
     * a new one bound (if the protocol is enabled).
     */
    public synchronized ListenerState applyEndpoints(Protocol protocol, List<Endpoint> endpoints) {
        ProtocolListener listener = listener(protocol);
        listener.replace(endpoints);
        if (listener.enabled() && group != null) {
            bind(listener);
        }
        return listener.state();
    }

    /** The latest protocol log entries that pass the filter. */
    public List<ProtocolLogEntry> protocolLog(Protocol protocol, ProtocolLogFilter filter, int limit) {
        return logs == null ? List.of() : logs.recent(protocol, filter, limit);
    }

    public synchronized List<ListenerState> states() {
        List<ListenerState> states = new ArrayList<>();
        for (ProtocolListener listener : listeners.values()) {
            states.add(listener.state());
        }
        return states;
    }

    /** Unbinds everything and stops the event loops, releasing their threads. */
    public synchronized void shutdown() {
        for (ProtocolListener listener : listeners.values()) {
            listener.unbind();
        }
        if (logs != null) {
            logs.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            group = null;
        }
    }

    private void bind(ProtocolListener listener) {
        try {
            listener.bind(group, workers, serverName, limits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProtocolListener listener(Protocol protocol) {
        ProtocolListener listener = listeners.get(protocol);
        if (listener == null) {
            throw new IllegalArgumentException("No listener for " + protocol);
        }
        return listener;
    }
}
