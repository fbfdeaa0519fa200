package io.aqueduct.forward.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Resumes a forward's draining when its socket can take more (the client API does not tell). */
final class WritabilityRelay extends ChannelInboundHandlerAdapter {

    private final Runnable resume;

    WritabilityRelay(Runnable resume) {
        this.resume = resume;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            resume.run();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
