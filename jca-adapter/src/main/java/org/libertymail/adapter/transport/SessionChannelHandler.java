package org.libertymail.adapter.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ProtocolLogEntry;
import org.libertymail.adapter.api.SessionInfo;
import org.libertymail.adapter.imap.ImapSession;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ProtocolSession;
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
final class SessionChannelHandler extends ChannelInboundHandlerAdapter
        implements ChannelSessionOutput.Connection, Runnable {
    private static final Logger LOG = Logger.getLogger(SessionChannelHandler.class.getName());
    private static final int MAX_QUEUED = 32;
    /** Session ids for the protocol logs: unique within a run, ordered by connection. */
    private static final AtomicLong SESSION_IDS = new AtomicLong(System.currentTimeMillis() << 20);
    // Field handles rather than an atomic object per field: every connection saves the objects.
    private static final VarHandle WATCHED;
    private static final VarHandle WAKE_PENDING;
    private static final VarHandle QUEUED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WATCHED = lookup.findVarHandle(SessionChannelHandler.class, "watched", String.class);
            WAKE_PENDING = lookup.findVarHandle(SessionChannelHandler.class, "wakePending", boolean.class);
            QUEUED = lookup.findVarHandle(SessionChannelHandler.class, "queued", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EndpointContext shared;
    /** When input last arrived (System.nanoTime), for the idle timeout; written on the event loop. */
    private volatile long lastRead = System.nanoTime();
    /** The idle timeout now: the endpoint's, or the logged-in one after login. */
    private volatile int idleSeconds;
    /** The timeout was told to the session; touched by the sweeper only. */
    private boolean timedOut;
    private final long id = SESSION_IDS.incrementAndGet();
    private long startedAt;
    /** The logged-in account: set by the worker, read by administrators. */
    private volatile String account;
    /** Frames received; counted on the event loop only. */
    private volatile long commands;
    /** The account whose changes this session watches; set by its worker, cleared on close too. */
    private volatile String watched;
    /** A wake is queued and not yet run: later changes ride on it. */
    private volatile boolean wakePending;
    private String sessionId;
    private String localText;
    private String remoteText;
    /** Tasks submitted and not yet finished. */
    private volatile int queued;
    private SerialExecutor serial;
    private ProtocolSession session;
    private ChannelHandlerContext ctx;
    /** The TLS epoch of input read now; changed on the event loop only. */
    private int readEpoch;
    /** Input of an older epoch than this is dropped; raised by the worker that starts TLS. */
    private volatile int minimumEpoch;
    /** The epoch of the frame the worker is handling; worker-confined. */
    private int workerEpoch;

    SessionChannelHandler(EndpointContext shared) {
        this.shared = shared;
        this.idleSeconds = shared.idleSeconds();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        boolean implicitTls = ctx.pipeline().get(SslHandler.class) != null;
        SessionContext context = new SessionContext(remote, local, shared.serverName(), implicitTls, shared.limits(),
                shared.endpoint());
        startedAt = System.currentTimeMillis();
        shared.live().add(this);
        if (shared.logs() != null) {
            sessionId = String.format("%016X", id);
            localText = local.getAddress().getHostAddress() + ":" + local.getPort();
            remoteText = remote.getAddress().getHostAddress() + ":" + remote.getPort();
            log("+", implicitTls ? "connected (TLS)" : "connected");
        }
        session = shared.factory().create(context, new ChannelSessionOutput(ctx.channel(), this,
                shared.logs() == null ? null : line -> log(">", line), shared.counters()));
        serial = new SerialExecutor(shared.workers());
        submit(ctx, session::start, false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        commands++; // the event loop is its only writer
        shared.counters().commands.increment();
        if (msg instanceof byte[] frame) {
            shared.counters().bytesIn.add(frame.length);
            Runnable task = () -> {
                if (shared.logs() != null) {
                    String text = session.forLog(frame);
                    if (text != null) {
                        log("<", text);
                    }
                }
                session.onFrame(frame);
            };
            // A protocol log writes files: not on the I/O thread.
            submit(ctx, task, true, shared.logs() == null ? () -> session.quick(frame) : null);
        } else if (msg instanceof SmtpFrameDecoder.Chunk chunk) {
            shared.counters().bytesIn.add(chunk.data().length);
            submit(ctx, () -> session.onChunk(chunk.data(), chunk.end()), true);
        } else if (msg == LineTooLong.INSTANCE) {
            submit(ctx, session::onLineTooLong, true);
        } else if (msg instanceof ImapFrameDecoder.Spooled spooled && session instanceof ImapSession imap) {
            shared.counters().bytesIn.add(spooled.frame().length + spooled.literals().size());
            submit(ctx, new Discardable() {
                @Override
                public void run() {
                    try {
                        if (shared.logs() != null) {
                            log("<", session.forLog(spooled.frame()));
                        }
                        imap.onFrame(spooled.frame(), spooled.literals());
                    } finally {
                        spooled.literals().discard();
                    }
                }

                @Override
                public void discard() {
                    spooled.literals().discard();
                }
            }, true);
        } else if (msg instanceof ImapFrameDecoder.OversizedLiteral literal && session instanceof ImapSession imap) {
            submit(ctx, () -> imap.onLiteralTooLarge(literal.commandStart(), literal.synchronizing()), true);
        }
    }

    private void log(String event, String data) {
        Endpoint endpoint = shared.endpoint();
        shared.logs().add(endpoint.protocol(), new ProtocolLogEntry(System.currentTimeMillis(), endpoint.protocol().id(),
                endpoint.name(), sessionId, localText, remoteText, event, data));
    }

    /**
     * Called by the session's worker on login: counts the account's sessions and, from now on,
     * gives the client the logged-in idle timeout.
     */
    @Override
    public boolean authenticated(String account) {
        Endpoint.AccessOptions access = shared.endpoint().custom().access();
        if (!shared.users().tryAcquire(account, access.maxConnectionsPerUser())) {
            return false;
        }
        ctx.channel().closeFuture().addListener(f -> shared.users().release(account));
        this.account = account;
        if (shared.endpoint().protocol() == Protocol.SMTP) {
            return true; // a receive connector's inactivity timeout holds before and after AUTH
        }
        idleSeconds = access.authenticatedTimeoutSeconds() > 0 ? access.authenticatedTimeoutSeconds()
                : shared.defaultIdleSeconds();
        return true;
    }

    /** This connection as administrators see it. */
    SessionInfo info() {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        return new SessionInfo(String.format("%016X", id), shared.endpoint().protocol(), shared.endpoint().name(), account,
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
        return shared.endpoint().protocol();
    }

    /**
     * Closes the connection at once, whatever the session is doing (an administrator's order),
     * after the protocol's farewell where it has one.
     */
    void disconnect() {
        if (shared.logs() != null) {
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
        if (account != null) {
            shared.watchers().watch(account, this); // before it is published: a close now removes it
        }
        String previous = (String) WATCHED.getAndSet(this, account);
        if (previous != null && !previous.equalsIgnoreCase(account)) {
            shared.watchers().unwatch(previous, this);
        }
    }

    /** Wakes the session: this handler is its own entry in {@link MailboxWatchers}. */
    @Override
    public void run() {
        if (WAKE_PENDING.compareAndSet(this, false, true)) {
            ctx.channel().eventLoop().execute(() -> submit(ctx, () -> {
                wakePending = false;
                session.onWake();
            }, false));
        }
    }

    @Override
    public void changed(String account) {
        shared.watchers().changed(account);
    }

    @Override
    public boolean available() {
        return shared.tls() != null && ctx.pipeline().get(SslHandler.class) == null && shared.tls().available();
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
            SslHandler ssl = shared.tls().newHandler(ctx.alloc(), true);
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
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // every read, also of a frame not yet complete (a literal or a message on its way)
        lastRead = System.nanoTime();
        ctx.fireChannelReadComplete();
    }

    /**
     * Called by {@link LiveSessions#sweep} once a second: a connection silent for its idle
     * timeout, or open longer than its endpoint's lifetime, is told to its session once, which
     * says goodbye as the protocol wants and closes.
     */
    void checkTimeouts(long nanoNow) {
        if (timedOut || session == null) {
            return;
        }
        int idle = idleSeconds; // 0: no idle timeout, as for Netty's IdleStateHandler before
        int lifetime = shared.lifetimeSeconds();
        if (idle > 0 && nanoNow - lastRead > idle * 1_000_000_000L
                || lifetime > 0 && System.currentTimeMillis() - startedAt > lifetime * 1000L) {
            timedOut = true;
            ctx.channel().eventLoop().execute(() -> submit(ctx, session::onIdleTimeout, false));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        shared.released(remote.getAddress().getHostAddress());
        shared.live().remove(this);
        watch(null);
        if (session != null) {
            if (shared.logs() != null) {
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

    /** Input that holds resources (spool files): let go when the input is dropped unread. */
    private interface Discardable extends Runnable {
        void discard();
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
        if ((int) QUEUED.getAndAdd(this, 1) + 1 >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        int epoch = readEpoch;
        Runnable guarded = () -> {
            try {
                if (!input || epoch >= minimumEpoch) {
                    workerEpoch = epoch;
                    task.run();
                } else if (task instanceof Discardable d) {
                    d.discard();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Session failed, closing connection", e);
                ctx.close();
            } finally {
                if ((int) QUEUED.getAndAdd(this, -1) - 1 == MAX_QUEUED / 2) {
                    ctx.channel().eventLoop().execute(() -> {
                        if (queued <= MAX_QUEUED / 2) {
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
            QUEUED.getAndAdd(this, -1);
            ctx.close();
        }
    }
}
