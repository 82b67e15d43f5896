package org.libertymail.adapter.transport;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Says one line and closes: a connection over the limits gets its protocol's refusal instead
 * of a session (through TLS first on an implicit-TLS binding). Its input is ignored.
 */
final class RefuseHandler extends ChannelInboundHandlerAdapter {
    private final byte[] line;

    RefuseHandler(String line) {
        this.line = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(line)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        io.netty.util.ReferenceCountUtil.release(msg);
    }
}
