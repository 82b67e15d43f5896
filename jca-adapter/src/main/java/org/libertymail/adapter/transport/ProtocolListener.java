package org.libertymail.adapter.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.libertymail.adapter.api.BindingState;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.protocol.abuse.AbuseSettings;
import org.libertymail.adapter.protocol.abuse.ConnectionLimits;
import org.libertymail.adapter.protocol.abuse.Refusals;

/** One protocol's server sockets (one per binding) and the sessions they accepted. */
final class ProtocolListener {
    private static final Logger LOG = Logger.getLogger(ProtocolListener.class.getName());

    private final ListenerSettings settings;
    private final SessionFactory sessions;
    private final TlsContexts tls;
    private final ConnectionLimits connections;
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<Endpoint, Channel> servers = new LinkedHashMap<>();
    private final Map<Endpoint, String> errors = new LinkedHashMap<>();
    private boolean enabled;

    ProtocolListener(ListenerSettings settings, SessionFactory sessions, TlsContexts tls, AbuseSettings abuse) {
        this.settings = settings;
        this.sessions = sessions;
        this.tls = tls;
        this.connections = new ConnectionLimits(abuse.maxConnections(), abuse.maxConnectionsPerIp());
        this.enabled = settings.enabled();
    }

    Protocol protocol() {
        return settings.protocol();
    }

    synchronized boolean enabled() {
        return enabled;
    }

    synchronized void setEnabled(boolean value) {
        enabled = value;
    }

    /**
     * Opens each binding's server socket that is not open; one that cannot bind is recorded
     * (state shows why) and does not keep the others from binding.
     */
    synchronized void bind(EventLoopGroup group, Executor workers, String serverName, ServerLimits limits)
            throws InterruptedException {
        for (Endpoint endpoint : settings.endpoints()) {
            Channel server = servers.get(endpoint);
            if (server != null && server.isActive()) {
                continue;
            }
            try {
                servers.put(endpoint, bootstrap(endpoint, group, workers, serverName, limits)
                        .bind(new InetSocketAddress(endpoint.bindAddress(), endpoint.port())).sync().channel());
                errors.remove(endpoint);
                LOG.info(() -> protocol() + " " + endpoint.name() + " listening on " + endpoint.bindAddress() + ":"
                        + endpoint.port() + (endpoint.implicitTls() ? " (TLS)" : ""));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) { // Netty rethrows the bind failure (a checked BindException) undeclared
                servers.remove(endpoint);
                errors.put(endpoint, e.toString());
                LOG.severe(() -> protocol() + " " + endpoint.name() + " could not bind " + endpoint.bindAddress() + ":"
                        + endpoint.port() + ": " + e);
            }
        }
    }

    private ServerBootstrap bootstrap(Endpoint endpoint, EventLoopGroup group, Executor workers, String serverName,
            ServerLimits limits) {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        open.add(ch);
                        if (endpoint.implicitTls()) {
                            SslHandler ssl = tls == null ? null : tls.newHandler(ch.alloc(), false);
                            if (ssl == null) {
                                ch.close(); // no certificate: nothing can be said to a TLS client
                                return;
                            }
                            ch.pipeline().addLast("tls", ssl);
                        }
                        String source = ch.remoteAddress().getAddress().getHostAddress();
                        if (!connections.tryAcquire(source)) {
                            ch.pipeline().addLast("refuse", new RefuseHandler(
                                    Refusals.tooManyConnections(settings.protocol(), serverName)));
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.release(source));
                        ch.pipeline().addLast("idle", new IdleStateHandler(settings.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
                        ch.pipeline().addLast("frames", settings.protocol() == Protocol.IMAP
                                ? new ImapFrameDecoder(limits.maxLineLength(), limits.maxMessageSize())
                                : new LineFrameDecoder(limits.maxLineLength()));
                        ch.pipeline().addLast("session",
                                new SessionChannelHandler(sessions, workers, serverName, limits, endpoint, tls));
                    }
                });
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
        for (Endpoint endpoint : settings.endpoints()) {
            Channel server = servers.get(endpoint);
            boolean bound = server != null && server.isActive();
            all &= bound;
            int port = bound ? ((InetSocketAddress) server.localAddress()).getPort() : endpoint.port();
            bindings.add(new BindingState(endpoint.name(), endpoint.bindAddress(), port,
                    endpoint.implicitTls() ? "implicit" : endpoint.offerStartTls() ? "starttls" : "none", bound,
                    errors.get(endpoint)));
        }
        BindingState first = bindings.get(0);
        return new ListenerState(settings.protocol(), first.bindAddress(), first.port(), enabled, all, open.size(),
                List.copyOf(bindings));
    }
}
