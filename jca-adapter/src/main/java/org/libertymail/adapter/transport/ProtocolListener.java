package org.libertymail.adapter.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.ServerLimits;

/** One protocol's server socket and the sessions it accepted. */
final class ProtocolListener {
    private final ListenerSettings settings;
    private final SessionFactory sessions;
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private boolean enabled;
    private Channel server;

    ProtocolListener(ListenerSettings settings, SessionFactory sessions) {
        this.settings = settings;
        this.sessions = sessions;
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

    /** Opens the server socket; a no-op when already bound. */
    synchronized void bind(EventLoopGroup group, Executor workers, String serverName, ServerLimits limits)
            throws InterruptedException {
        if (server != null && server.isActive()) {
            return;
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        open.add(ch);
                        ch.pipeline().addLast("idle", new IdleStateHandler(settings.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
                        ch.pipeline().addLast("frames", settings.protocol() == Protocol.IMAP
                                ? new ImapFrameDecoder(limits.maxLineLength(), limits.maxMessageSize())
                                : new LineFrameDecoder(limits.maxLineLength()));
                        ch.pipeline().addLast("session", new SessionChannelHandler(sessions, workers, serverName, limits));
                    }
                });
        server = bootstrap.bind(new InetSocketAddress(settings.bindAddress(), settings.port())).sync().channel();
    }

    /** Closes the server socket and every session it accepted. */
    synchronized void unbind() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            server = null;
        }
        open.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    synchronized ListenerState state() {
        int port = server != null && server.isActive()
                ? ((InetSocketAddress) server.localAddress()).getPort() : settings.port();
        return new ListenerState(settings.protocol(), settings.bindAddress(), port, enabled,
                server != null && server.isActive(), open.size());
    }
}
