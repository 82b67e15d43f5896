package org.libertymail.adapter.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ProtocolLogEntry;
import org.libertymail.adapter.api.SessionInfo;
import org.libertymail.adapter.imap.ImapSession;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ProtocolSession;
import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.protocol.SessionContext;

/**
 * Connects one channel to its protocol session: decoded frames go, in order, to the session on
 * a worker thread, since sessions call the store; a frame the session calls
 * {@link ProtocolSession#quick quick} is handled on the I/O thread at once when the session is
 * idle (most SMTP commands and message lines: only RCPT checks and the end of the message need
 * the store). A client that sends faster than the session works is paused (auto-read off)
 * instead of buffered without bound.
 *
 * <p>STARTTLS: every frame carries the TLS epoch it was read in. When a session starts TLS,
 * frames of the old epoch that are still queued (commands pipelined after STARTTLS, in the
 * clear) are dropped, and so is input the framer holds; only what arrives through the TLS
 * handler reaches the session again.
 */
final class SessionChannelHandler extends ChannelInboundHandlerAdapter implements ChannelSessionOutput.Connection {
    private static final Logger LOG = Logger.getLogger(SessionChannelHandler.class.getName());
    private static final int MAX_QUEUED = 32;
    /** Session ids for the protocol logs: unique within a run, ordered by connection. */
    private static final AtomicLong SESSION_IDS = new AtomicLong(System.currentTimeMillis() << 20);

    private final SessionFactory factory;
    private final Executor workers;
    private final String serverName;
    private final ServerLimits limits;
    private final Endpoint endpoint;
    private final TlsContexts tls;
    private final ProtocolLogs logs;
    private final UserSessions users;
    private final MailboxWatchers watchers;
    private final LiveSessions live;
    private final EndpointCounters counters;
    private final int defaultIdleSeconds;
    private final long id = SESSION_IDS.incrementAndGet();
    private long startedAt;
    /** The logged-in account: set by the worker, read by administrators. */
    private volatile String account;
    /** Frames received; counted on the event loop only. */
    private volatile long commands;
    /** Removes this session's mailbox watch; set by its worker, run on close too. */
    private final AtomicReference<Runnable> unwatch = new AtomicReference<>();
    /** A wake is queued and not yet run: later changes ride on it. */
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private String sessionId;
    private String localText;
    private String remoteText;
    private final AtomicInteger queued = new AtomicInteger();
    private SerialExecutor serial;
    private ProtocolSession session;
    private ChannelHandlerContext ctx;
    /** The TLS epoch of input read now; changed on the event loop only. */
    private int readEpoch;
    /** Input of an older epoch than this is dropped; raised by the worker that starts TLS. */
    private volatile int minimumEpoch;
    /** The epoch of the frame the worker is handling; worker-confined. */
    private int workerEpoch;

    SessionChannelHandler(SessionFactory factory, Executor workers, String serverName, ServerLimits limits,
            Endpoint endpoint, TlsContexts tls, ProtocolLogs logs, UserSessions users, MailboxWatchers watchers,
            LiveSessions live, int defaultIdleSeconds, EndpointCounters counters) {
        this.counters = counters;
        this.users = users;
        this.watchers = watchers;
        this.live = live;
        this.defaultIdleSeconds = defaultIdleSeconds;
        this.factory = factory;
        this.workers = workers;
        this.serverName = serverName;
        this.limits = limits;
        this.endpoint = endpoint;
        this.tls = tls;
        this.logs = logs != null && endpoint.custom().protocolLogging() ? logs : null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        boolean implicitTls = ctx.pipeline().get(SslHandler.class) != null;
        SessionContext context = new SessionContext(remote, local, serverName, implicitTls, limits, endpoint);
        startedAt = System.currentTimeMillis();
        live.add(this);
        if (logs != null) {
            sessionId = String.format("%016X", id);
            localText = local.getAddress().getHostAddress() + ":" + local.getPort();
            remoteText = remote.getAddress().getHostAddress() + ":" + remote.getPort();
            log("+", implicitTls ? "connected (TLS)" : "connected");
        }
        session = factory.create(context, new ChannelSessionOutput(ctx.channel(), this,
                logs == null ? null : line -> log(">", line), counters));
        serial = new SerialExecutor(workers);
        submit(ctx, session::start, false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        commands++; // the event loop is its only writer
        counters.commands.increment();
        if (msg instanceof byte[] frame) {
            counters.bytesIn.add(frame.length);
            Runnable task = () -> {
                if (logs != null) {
                    String text = session.forLog(frame);
                    if (text != null) {
                        log("<", text);
                    }
                }
                session.onFrame(frame);
            };
            // A protocol log writes files: not on the I/O thread.
            submit(ctx, task, true, logs == null ? () -> session.quick(frame) : null);
        } else if (msg instanceof SmtpFrameDecoder.Chunk chunk) {
            counters.bytesIn.add(chunk.data().length);
            submit(ctx, () -> session.onChunk(chunk.data(), chunk.end()), true);
        } else if (msg == LineTooLong.INSTANCE) {
            submit(ctx, session::onLineTooLong, true);
        } else if (msg instanceof ImapFrameDecoder.OversizedLiteral literal && session instanceof ImapSession imap) {
            submit(ctx, () -> imap.onLiteralTooLarge(literal.commandStart(), literal.synchronizing()), true);
        }
    }

    private void log(String event, String data) {
        logs.add(endpoint.protocol(), new ProtocolLogEntry(System.currentTimeMillis(), endpoint.protocol().id(),
                endpoint.name(), sessionId, localText, remoteText, event, data));
    }

    /**
     * Called by the session's worker on login: counts the account's sessions and, from now on,
     * gives the client the logged-in idle timeout.
     */
    @Override
    public boolean authenticated(String account) {
        Endpoint.AccessOptions access = endpoint.custom().access();
        if (!users.tryAcquire(account, access.maxConnectionsPerUser())) {
            return false;
        }
        ctx.channel().closeFuture().addListener(f -> users.release(account));
        this.account = account;
        if (endpoint.protocol() == Protocol.SMTP) {
            return true; // a receive connector's inactivity timeout holds before and after AUTH
        }
        int seconds = access.authenticatedTimeoutSeconds() > 0 ? access.authenticatedTimeoutSeconds() : defaultIdleSeconds;
        ctx.channel().eventLoop().execute(() -> {
            if (ctx.pipeline().get("idle") != null) {
                ctx.pipeline().replace("idle", "idle", new IdleStateHandler(seconds, 0, 0, TimeUnit.SECONDS));
            }
        });
        return true;
    }

    /** This connection as administrators see it. */
    SessionInfo info() {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        return new SessionInfo(String.format("%016X", id), endpoint.protocol(), endpoint.name(), account,
                remote == null ? null : remote.getAddress().getHostAddress() + ":" + remote.getPort(),
                ctx.pipeline().get(SslHandler.class) != null, startedAt, commands);
    }

    String account() {
        return account;
    }

    long id() {
        return id;
    }

    Protocol protocol() {
        return endpoint.protocol();
    }

    /**
     * Closes the connection at once, whatever the session is doing (an administrator's order),
     * after the protocol's farewell where it has one.
     */
    void disconnect() {
        if (logs != null) {
            log("-", "disconnected by the administrator");
        }
        byte[] farewell = session == null ? null : session.farewell();
        if (farewell == null) {
            ctx.close();
        } else {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(farewell)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void watch(String account) {
        Runnable previous = unwatch.getAndSet(account == null ? null : watchers.watch(account, this::wake));
        if (previous != null) {
            previous.run();
        }
    }

    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            ctx.channel().eventLoop().execute(() -> submit(ctx, () -> {
                wakePending.set(false);
                session.onWake();
            }, false));
        }
    }

    @Override
    public void changed(String account) {
        watchers.changed(account);
    }

    @Override
    public boolean available() {
        return tls != null && ctx.pipeline().get(SslHandler.class) == null && tls.available();
    }

    /**
     * Called by the session's worker while it handles the STARTTLS command. From here on,
     * queued input of this epoch is dropped; on the event loop the TLS handler goes in front,
     * the reply leaves in the clear (the handler lets its first write pass), buffered plaintext
     * is discarded, and input read from then on is of the new epoch.
     */
    @Override
    public void startTls(byte[] reply) {
        int next = workerEpoch + 1;
        minimumEpoch = next;
        ctx.channel().eventLoop().execute(() -> {
            SslHandler ssl = tls.newHandler(ctx.alloc(), true);
            if (ssl == null) {
                ctx.close();
                return;
            }
            ctx.pipeline().addFirst("tls", ssl);
            if (ctx.pipeline().get("frames") instanceof FrameDecoder frames) {
                frames.discardBuffered();
            }
            readEpoch = next;
            ctx.channel().writeAndFlush(Unpooled.wrappedBuffer(reply));
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            submit(ctx, session::onIdleTimeout, false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        live.remove(this);
        watch(null);
        if (session != null) {
            if (logs != null) {
                log("-", "disconnected");
            }
            submit(ctx, session::onDisconnect, false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "Connection error, closing", cause);
        ctx.close();
    }

    /** @param input whether the task handles client input, which STARTTLS may void */
    private void submit(ChannelHandlerContext ctx, Runnable task, boolean input) {
        submit(ctx, task, input, null);
    }

    /**
     * Runs on the event loop. Auto-read is switched only there, and a resume re-reads the
     * backlog when it runs: a worker that drains the queue while the event loop is between
     * counting a frame and pausing must not leave the channel paused for good.
     *
     * @param input whether the task handles client input, which STARTTLS may void
     * @param here when it says so, the task runs on this (I/O) thread; null: never
     */
    private void submit(ChannelHandlerContext ctx, Runnable task, boolean input, BooleanSupplier here) {
        if (queued.incrementAndGet() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        int epoch = readEpoch;
        Runnable guarded = () -> {
            try {
                if (!input || epoch >= minimumEpoch) {
                    workerEpoch = epoch;
                    task.run();
                }
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
        };
        try {
            if (here == null) {
                serial.execute(guarded);
            } else {
                serial.execute(guarded, here);
            }
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "No worker available, closing connection", e);
            queued.decrementAndGet();
            ctx.close();
        }
    }
}
