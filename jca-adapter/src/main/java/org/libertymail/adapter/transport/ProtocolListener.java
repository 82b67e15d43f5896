package org.libertymail.adapter.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.libertymail.adapter.api.BindingState;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.protocol.abuse.AbuseSettings;
import org.libertymail.adapter.protocol.abuse.ConnectionLimits;
import org.libertymail.adapter.protocol.abuse.Refusals;
import org.libertymail.adapter.protocol.connector.ConnectorRules;
import org.libertymail.adapter.protocol.connector.SocketBinding;

/**
 * One protocol's server sockets and the sessions they accepted. Nothing that runs on the event
 * loop ({@link #accept}) takes this object's monitor: binding holds it while it waits for the
 * event loop, and a loop blocked on it would never finish the bind (found by the kill -9 test:
 * clients connecting during a restart deadlocked the start). Several endpoints (receive
 * connectors) may share a socket; each new connection gets the one whose remote range fits its
 * address most specifically, and keeps it for its lifetime. {@link #replace} applies a new set
 * of endpoints live: sockets no longer used are closed (their sessions go on), new ones bound.
 */
final class ProtocolListener {
    private static final Logger LOG = Logger.getLogger(ProtocolListener.class.getName());

    private final Protocol protocol;
    private final int defaultIdleSeconds;
    private final SessionFactory sessions;
    private final TlsContexts tls;
    private final ProtocolLogs logs;
    private final ConnectionLimits connections;
    private final UserSessions users = new UserSessions();
    private final MailboxWatchers watchers;
    private final LiveSessions live;
    private final Traffic traffic;
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<SocketBinding, Channel> servers = new LinkedHashMap<>();
    private final Map<SocketBinding, String> errors = new LinkedHashMap<>();
    /**
     * Per endpoint name: its own connection limits, when it sets any. Read on the event loop,
     * so not guarded by this listener's monitor: {@link #bind} holds that while it waits for
     * the event loop.
     */
    private final Map<String, ConnectionLimits> endpointConnections = new ConcurrentHashMap<>();
    /** Per endpoint: what its connections share; made anew when endpoints change or sockets are bound. */
    private final Map<Endpoint, EndpointContext> contexts = new ConcurrentHashMap<>();
    private volatile List<Endpoint> endpoints;
    private boolean enabled;

    ProtocolListener(ListenerSettings settings, SessionFactory sessions, TlsContexts tls, AbuseSettings abuse,
            ProtocolLogs logs, MailboxWatchers watchers, LiveSessions live, Traffic traffic) {
        this.traffic = traffic;
        this.logs = logs;
        this.watchers = watchers;
        this.live = live;
        this.protocol = settings.protocol();
        this.defaultIdleSeconds = settings.idleTimeoutSeconds();
        this.sessions = sessions;
        this.tls = tls;
        this.connections = new ConnectionLimits(abuse.maxConnections(), abuse.maxConnectionsPerIp());
        this.enabled = settings.enabled();
        this.endpoints = settings.endpoints();
    }

    Protocol protocol() {
        return protocol;
    }

    synchronized boolean enabled() {
        return enabled;
    }

    synchronized void setEnabled(boolean value) {
        enabled = value;
    }

    /**
     * Takes a new set of endpoints for new connections. Sockets no endpoint uses any more are
     * closed; the caller binds the new ones.
     */
    synchronized void replace(List<Endpoint> next) {
        endpoints = List.copyOf(next);
        Set<SocketBinding> used = sockets();
        for (SocketBinding socket : new ArrayList<>(servers.keySet())) {
            if (!used.contains(socket)) {
                servers.remove(socket).close().awaitUninterruptibly(5, TimeUnit.SECONDS);
                LOG.info(() -> protocol + " stopped listening on " + socket);
            }
        }
        errors.keySet().retainAll(used);
        endpointConnections.clear();
        contexts.clear();
    }

    private Set<SocketBinding> sockets() {
        Set<SocketBinding> sockets = new LinkedHashSet<>();
        endpoints.forEach(e -> sockets.add(e.socket()));
        return sockets;
    }

    /**
     * Opens each socket that is not open; one that cannot bind is recorded (state shows why) and
     * does not keep the others from binding.
     */
    synchronized void bind(EventLoopGroup group, Executor workers, String serverName, ServerLimits limits)
            throws InterruptedException {
        contexts.clear();
        for (SocketBinding socket : sockets()) {
            Channel server = servers.get(socket);
            if (server != null && server.isActive()) {
                continue;
            }
            try {
                servers.put(socket, bootstrap(socket, group, workers, serverName, limits)
                        .bind(new InetSocketAddress(socket.address(), socket.port())).sync().channel());
                errors.remove(socket);
                LOG.info(() -> protocol + " listening on " + socket + " for " + namesOn(socket));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) { // Netty rethrows the bind failure (a checked BindException) undeclared
                servers.remove(socket);
                errors.put(socket, e.toString());
                LOG.severe(() -> protocol + " could not bind " + socket + " for " + namesOn(socket) + ": " + e);
            }
        }
    }

    private List<String> namesOn(SocketBinding socket) {
        return endpoints.stream().filter(e -> e.socket().equals(socket)).map(Endpoint::name).toList();
    }

    private ServerBootstrap bootstrap(SocketBinding socket, EventLoopGroup group, Executor workers, String serverName,
            ServerLimits limits) {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch, socket, workers, serverName, limits);
                    }
                });
    }

    private void accept(SocketChannel ch, SocketBinding socket, Executor workers, String serverName, ServerLimits limits) {
        List<Endpoint> current = endpoints;
        Optional<Endpoint> chosen = ConnectorRules.select(
                current.stream().filter(e -> e.socket().equals(socket)).toList(), ch.remoteAddress().getAddress());
        if (chosen.isEmpty()) {
            ch.close(); // no connector serves this address here: Exchange drops such connections too
            return;
        }
        Endpoint endpoint = chosen.get();
        open.add(ch);
        if (endpoint.implicitTls()) {
            SslHandler ssl = tls == null ? null : tls.newHandler(ch.alloc(), false);
            if (ssl == null) {
                ch.close(); // no certificate: nothing can be said to a TLS client
                return;
            }
            ch.pipeline().addLast("tls", ssl);
        }
        String name = endpoint.custom().fqdn() != null ? endpoint.custom().fqdn() : serverName;
        EndpointContext context = context(endpoint, workers, name, limits, traffic.of(endpoint));
        String source = ch.remoteAddress().getAddress().getHostAddress();
        ConnectionLimits own = context.own();
        EndpointCounters counters = context.counters();
        if (!connections.tryAcquire(source)) {
            counters.refused.increment();
            refuse(ch, name);
            return;
        }
        if (own != null && !own.tryAcquire(source)) {
            ch.closeFuture().addListener(f -> connections.release(source));
            counters.refused.increment();
            refuse(ch, name);
            return;
        }
        // the session's handler gives the slots back when the connection closes (see EndpointContext)
        counters.connections.increment();
        counters.open.increment();
        ch.pipeline().addLast("frames", protocol == Protocol.IMAP
                ? new ImapFrameDecoder(context.limits().maxLineLength(), context.limits().maxMessageSize())
                : protocol == Protocol.SMTP ? new SmtpFrameDecoder(context.limits().maxLineLength())
                : new LineFrameDecoder(context.limits().maxLineLength()));
        ch.pipeline().addLast("session", new SessionChannelHandler(context));
    }

    /** The endpoint's shared context, made once per endpoint and bind. */
    private EndpointContext context(Endpoint endpoint, Executor workers, String serverName, ServerLimits limits,
            EndpointCounters counters) {
        return contexts.computeIfAbsent(endpoint, e -> {
            int idle = e.custom().idleTimeoutSeconds() > 0 ? e.custom().idleTimeoutSeconds() : defaultIdleSeconds;
            // The connection's whole life is bounded too (Exchange's ConnectionTimeout, the
            // services' maxSessionLifetime): the session ends as on an idle timeout.
            int lifetime = protocol == Protocol.SMTP ? e.custom().smtp().connectionTimeoutSeconds()
                    : e.custom().access().sessionLifetimeSeconds();
            return new EndpointContext(sessions, workers, serverName, effectiveLimits(limits, e), e, tls,
                    logs != null && e.custom().protocolLogging() ? logs : null, users, watchers, live, counters,
                    connections, endpointLimits(e), idle, defaultIdleSeconds, Math.max(0, lifetime));
        });
    }

    private void refuse(SocketChannel ch, String serverName) {
        ch.pipeline().addLast("refuse", new RefuseHandler(Refusals.tooManyConnections(protocol, serverName)));
    }

    private ConnectionLimits endpointLimits(Endpoint endpoint) {
        Endpoint.Custom c = endpoint.custom();
        if (c.maxConnections() == 0 && c.maxConnectionsPerSource() == 0) {
            return null;
        }
        return endpointConnections.computeIfAbsent(endpoint.name(), n -> new ConnectionLimits(
                c.maxConnections() > 0 ? c.maxConnections() : Integer.MAX_VALUE,
                c.maxConnectionsPerSource() > 0 ? c.maxConnectionsPerSource() : Integer.MAX_VALUE));
    }

    private static ServerLimits effectiveLimits(ServerLimits limits, Endpoint endpoint) {
        Endpoint.Custom c = endpoint.custom();
        if (c.maxMessageSize() == 0 && c.maxRecipients() == 0 && c.maxLineLength() == 0) {
            return limits;
        }
        return new ServerLimits(c.maxMessageSize() > 0 ? c.maxMessageSize() : limits.maxMessageSize(),
                c.maxLineLength() > 0 ? c.maxLineLength() : limits.maxLineLength(),
                c.maxRecipients() > 0 ? c.maxRecipients() : limits.maxRecipients(),
                limits.maxBadCommands(), limits.allowPlaintextAuth());
    }

    /** Closes the server sockets and every session they accepted. */
    synchronized void unbind() {
        for (Channel server : servers.values()) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        servers.clear();
        errors.clear();
        open.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    synchronized ListenerState state() {
        List<BindingState> bindings = new ArrayList<>();
        boolean all = true;
        for (Endpoint endpoint : endpoints) {
            SocketBinding socket = endpoint.socket();
            Channel server = servers.get(socket);
            boolean bound = server != null && server.isActive();
            all &= bound;
            int port = bound ? ((InetSocketAddress) server.localAddress()).getPort() : socket.port();
            bindings.add(new BindingState(endpoint.name(), socket.address(), port,
                    endpoint.implicitTls() ? "implicit" : endpoint.offerStartTls() ? "starttls" : "none", bound,
                    errors.get(socket)));
        }
        String address = bindings.isEmpty() ? "" : bindings.get(0).bindAddress();
        int port = bindings.isEmpty() ? 0 : bindings.get(0).port();
        return new ListenerState(protocol, address, port, enabled, all, open.size(), List.copyOf(bindings));
    }
}
