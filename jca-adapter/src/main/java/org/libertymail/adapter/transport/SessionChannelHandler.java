package org.libertymail.adapter.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

import org.libertymail.adapter.imap.ImapSession;
import org.libertymail.adapter.protocol.ProtocolSession;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.ServerLimits;

/**
 * Connects one channel to its protocol session: decoded frames go, in order, to the session on
 * a worker thread, never on the I/O thread, since sessions call the store. A client that sends
 * faster than the session works is paused (auto-read off) instead of buffered without bound.
 */
final class SessionChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(SessionChannelHandler.class.getName());
    private static final int MAX_QUEUED = 32;

    private final SessionFactory factory;
    private final Executor workers;
    private final String serverName;
    private final ServerLimits limits;
    private final AtomicInteger queued = new AtomicInteger();
    private SerialExecutor serial;
    private ProtocolSession session;

    SessionChannelHandler(SessionFactory factory, Executor workers, String serverName, ServerLimits limits) {
        this.factory = factory;
        this.workers = workers;
        this.serverName = serverName;
        this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        SessionContext context = new SessionContext(remote, local, serverName, SessionContext.isLoopback(remote), limits);
        session = factory.create(context, new ChannelSessionOutput(ctx.channel()));
        serial = new SerialExecutor(workers);
        submit(ctx, session::start);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof byte[] frame) {
            submit(ctx, () -> session.onFrame(frame));
        } else if (msg == LineTooLong.INSTANCE) {
            submit(ctx, session::onLineTooLong);
        } else if (msg instanceof ImapFrameDecoder.OversizedLiteral literal && session instanceof ImapSession imap) {
            submit(ctx, () -> imap.onLiteralTooLarge(literal.commandStart(), literal.synchronizing()));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            submit(ctx, session::onIdleTimeout);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            submit(ctx, session::onDisconnect);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "Connection error, closing", cause);
        ctx.close();
    }

    /**
     * Runs on the event loop. Auto-read is switched only there, and a resume re-reads the
     * backlog when it runs: a worker that drains the queue while the event loop is between
     * counting a frame and pausing must not leave the channel paused for good.
     */
    private void submit(ChannelHandlerContext ctx, Runnable task) {
        if (queued.incrementAndGet() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        try {
            serial.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Session failed, closing connection", e);
                    ctx.close();
                } finally {
                    if (queued.decrementAndGet() == MAX_QUEUED / 2) {
                        ctx.channel().eventLoop().execute(() -> {
                            if (queued.get() <= MAX_QUEUED / 2) {
                                ctx.channel().config().setAutoRead(true);
                            }
                        });
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "No worker available, closing connection", e);
            queued.decrementAndGet();
            ctx.close();
        }
    }
}
