package org.libertymail.adapter.transport;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import org.libertymail.adapter.protocol.SessionEvent;
import org.libertymail.adapter.protocol.SessionOutput;

/** A session's output over a Netty channel; safe to use from a worker thread. */
final class ChannelSessionOutput implements SessionOutput {
    static final long WRITE_TIMEOUT_SECONDS = 300;

    /** What a session asks of its connection beyond writing: {@link SessionChannelHandler} does it. */
    interface Connection {
        boolean available();

        void startTls(byte[] reply);

        /** See {@link SessionOutput#authenticated}. */
        boolean authenticated(String account);

        /** See {@link SessionOutput#watchMailbox}; null stops watching. */
        void watch(String account);

        /** See {@link SessionOutput#mailboxChanged}. */
        void changed(String account);
    }

    private final Channel channel;
    private final Connection connection;
    private final Consumer<String> log;
    private final EndpointCounters counters;
    /** Output is held until this System.nanoTime(); written only by the session's worker. */
    private volatile long holdUntil;

    /** @param log where each reply line goes for the protocol log, or null */
    ChannelSessionOutput(Channel channel, Connection connection, Consumer<String> log, EndpointCounters counters) {
        this.channel = channel;
        this.connection = connection;
        this.log = log;
        this.counters = counters;
    }

    @Override
    public void line(String text) {
        if (log != null) {
            log.accept(text);
        }
        counters.reply(text);
        write(text + "\r\n");
    }

    @Override
    public boolean tlsAvailable() {
        return connection.available();
    }

    @Override
    public void expectContent() {
        Runnable expect = () -> {
            if (channel.pipeline().get("frames") instanceof SmtpFrameDecoder smtp) {
                smtp.expectContent();
            }
        };
        if (channel.eventLoop().inEventLoop()) {
            expect.run(); // a quick DATA: before the framer reads the next line
        } else {
            channel.eventLoop().execute(expect);
        }
    }

    @Override
    public boolean authenticated(String account) {
        return connection.authenticated(account);
    }

    @Override
    public void watchMailbox(String account) {
        connection.watch(account);
    }

    @Override
    public void unwatchMailbox() {
        connection.watch(null);
    }

    @Override
    public void mailboxChanged(String account) {
        connection.changed(account);
    }

    @Override
    public void startTls(String reply) {
        if (log != null) {
            log.accept(reply);
        }
        connection.startTls((reply + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public void write(byte[] bytes) {
        counters.bytesOut.add(bytes.length);
        channel.write(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void count(SessionEvent event) {
        counters.count(event);
    }

    @Override
    public void flush() {
        long wait = holdUntil - System.nanoTime();
        if (wait > 0) {
            channel.eventLoop().schedule(channel::flush, wait, TimeUnit.NANOSECONDS);
        } else {
            channel.flush();
        }
    }

    @Override
    public void holdFor(long millis) {
        holdUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    public void flushAndWait() {
        // Writes complete in order: when this empty one has, everything before it is in the socket.
        if (!channel.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            channel.close();
            throw new IllegalStateException("Client did not read for " + WRITE_TIMEOUT_SECONDS + " s; connection closed");
        }
    }

    @Override
    public void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
