package org.libertymail.adapter.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import org.libertymail.adapter.protocol.SessionOutput;

/** A session's output over a Netty channel; safe to use from a worker thread. */
final class ChannelSessionOutput implements SessionOutput {
    private final Channel channel;

    ChannelSessionOutput(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(byte[] bytes) {
        channel.write(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
