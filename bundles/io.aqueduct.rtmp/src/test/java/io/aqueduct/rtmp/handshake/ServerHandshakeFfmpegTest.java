package io.aqueduct.rtmp.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqueduct.rtmp.codec.ChunkDecoder;
import io.aqueduct.rtmp.codec.CommandMessage;
import io.aqueduct.testing.Await;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ffmpeg as a player checks the server's S1 and S2 digests: it sends connect only when both are right. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerHandshakeFfmpegTest {

    @Test
    void ffmpegAcceptsTheServerHandshake() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<Object> seen = new CopyOnWriteArrayList<>();
        Process ffmpeg = null;
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new RtmpServerHandshakeHandler(), new ChunkDecoder(),
                                    new SimpleChannelInboundHandler<CommandMessage>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, CommandMessage msg) {
                                            seen.add(msg.name());
                                            ctx.close();
                                        }

                                        @Override
                                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                            seen.add(evt);
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-i", "rtmp://127.0.0.1:" + port + "/live/test", "-t", "1", "-f", "null", "-")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Await.until(Duration.ofSeconds(20), () -> seen.size() >= 2, () -> "ffmpeg got through: " + seen);
            assertEquals(List.of(HandshakeCompleted.INSTANCE, "connect"), seen);
            server.close().sync();
        } finally {
            if (ffmpeg != null) {
                ffmpeg.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
