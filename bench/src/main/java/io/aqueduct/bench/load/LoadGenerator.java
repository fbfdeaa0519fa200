package io.aqueduct.bench.load;

import io.aqueduct.bench.net.Transport;
import io.aqueduct.bench.proc.ProcessStats;
import io.aqueduct.rtmp.codec.ChunkEncoder;
import io.aqueduct.rtmp.handshake.RtmpClientHandshakeHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens the players of a {@link LoadOptions} at the ramp rate, waits for the warm-up, then measures one steady
 * window: bytes per player, server CPU time and RSS from /proc, and latency from the publisher's SEI stamps.
 * A run always ends by itself (ramp + warm-up + window) and closes every connection.
 */
public final class LoadGenerator {

    private final LoadOptions options;
    private final Transport transport;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final LatencyRecorder probeLatency = new LatencyRecorder();
    private final LatencyRecorder middleProbeLatency = new LatencyRecorder();
    private final LatencyRecorder lateProbeLatency = new LatencyRecorder();
    private final List<Player> players = new ArrayList<>();

    public LoadGenerator(LoadOptions options) {
        this.options = options;
        this.transport = Transport.choose(options.nio());
    }

    public Transport transport() {
        return transport;
    }

    public LoadResult run() throws IOException, InterruptedException {
        ProcessStats server = options.serverPid() > 0 ? new ProcessStats(options.serverPid()) : null;
        ProcessStats self = ProcessStats.self();
        long rssBefore = server == null ? 0 : server.rssKilobytes();
        EventLoopGroup group = transport.newGroup(options.threads());
        List<Channel> probeChannels = new ArrayList<>();
        try {
            List<PlayerKind> order = interleave();
            Player probe = new Player(order.get(0), probeLatency);
            probeChannels.add(open(group, probe, false).channel());
            awaitFirstVideo(probe);
            // A server writes a message to its players one after another, and one probe shows one place in that
            // order: more probes join halfway through the ramp and after it.
            Player middleProbe = new Player(order.get(order.size() / 2), middleProbeLatency);
            Player lateProbe = new Player(order.get(order.size() - 1), lateProbeLatency);
            long start = System.nanoTime();
            for (int i = 0; i < order.size(); i++) {
                if (i == order.size() / 2) {
                    probeChannels.add(open(group, middleProbe, false).channel());
                }
                long due = start + (long) (i * 1e9 / options.rampPerSecond());
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                Player player = new Player(order.get(i), latency);
                players.add(player);
                open(group, player, true);
            }
            double rampSeconds = (System.nanoTime() - start) / 1e9;
            probeChannels.add(open(group, lateProbe, false).channel());
            TimeUnit.MILLISECONDS.sleep((long) (options.warmupSeconds() * 1000));

            long[] bytesBefore = new long[players.size()];
            for (int i = 0; i < players.size(); i++) {
                bytesBefore[i] = players.get(i).bytes();
                players.get(i).recordLatency(true);
            }
            for (Player p : List.of(probe, middleProbe, lateProbe)) {
                p.recordLatency(true);
            }
            double serverCpuBefore = server == null ? 0 : server.cpuSeconds();
            double selfCpuBefore = self.cpuSeconds();
            long windowStart = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep((long) (options.windowSeconds() * 1000));
            double window = (System.nanoTime() - windowStart) / 1e9;
            double serverCpu = server == null ? Double.NaN : server.cpuSeconds() - serverCpuBefore;
            double selfCpu = self.cpuSeconds() - selfCpuBefore;
            long rss = server == null ? 0 : server.rssKilobytes();
            long[] windowBytes = new long[players.size()];
            for (int i = 0; i < players.size(); i++) {
                players.get(i).recordLatency(false);
                windowBytes[i] = players.get(i).bytes() - bytesBefore[i];
            }
            for (Player p : List.of(probe, middleProbe, lateProbe)) {
                p.recordLatency(false);
            }
            return LoadResult.of(options, players, windowBytes, window, rampSeconds, serverCpu, selfCpu, rssBefore,
                    rss, latency, probeLatency, middleProbeLatency, lateProbeLatency);
        } finally {
            for (Channel ch : probeChannels) {
                ch.close().awaitUninterruptibly(2_000);
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }

    /** Players of every kind spread evenly over the ramp. */
    private List<PlayerKind> interleave() {
        int[] wanted = {options.rtmpPlayers(), options.flvPlayers(), options.tcpPlayers()};
        PlayerKind[] kinds = {PlayerKind.RTMP, PlayerKind.HTTP_FLV, PlayerKind.TCP_FLV};
        int total = options.totalPlayers();
        int[] placed = new int[3];
        List<PlayerKind> order = new ArrayList<>(total);
        for (int i = 1; i <= total; i++) {
            int best = -1;
            double bestLag = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                double lag = (double) wanted[k] * i / total - placed[k];
                if (placed[k] < wanted[k] && lag > bestLag) {
                    bestLag = lag;
                    best = k;
                }
            }
            placed[best]++;
            order.add(kinds[best]);
        }
        return order;
    }

    /**
     * Waits for the uncounted latency probe's first video message: this proves the stream is up and takes the load
     * generator's own start-up (native library, class loading) out of the figures. The probe stays connected
     * without SO_RCVLOWAT, so its latency is the server's, not the time the players' 16 KB wake-up threshold
     * holds bytes in their sockets.
     */
    private static void awaitFirstVideo(Player probe) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!probe.hasVideo()) {
            if (probe.failure() != null || System.nanoTime() > deadline) {
                throw new IOException("the probe player got no video: "
                        + (probe.failure() == null ? "timeout" : probe.failure()));
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private ChannelFuture open(EventLoopGroup group, Player player, boolean lowWaterMark) {
        PlayerKind kind = player.kind();
        Bootstrap bootstrap = Transport.clientDefaults(new Bootstrap().group(group).channel(transport.socketChannel()));
        bootstrap.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (lowWaterMark) {
                    player.onFirstVideo(() -> transport.receiveLowWaterMark(ch, options.receiveLowWaterMark()));
                }
                if (kind == PlayerKind.RTMP) {
                    ch.pipeline().addLast(new RtmpClientHandshakeHandler(), new ChunkEncoder(),
                            new RtmpPlayerHandler(options.rtmpUrl(), player));
                } else {
                    ch.pipeline().addLast(new FlvPlayerHandler(kind == PlayerKind.HTTP_FLV ? options.flvUrl() : null,
                            player));
                }
            }
        });
        player.started();
        ChannelFuture connecting = switch (kind) {
            case RTMP -> bootstrap.connect(options.rtmpUrl().host(), options.rtmpUrl().port());
            case HTTP_FLV -> bootstrap.connect(options.flvUrl().getHost(), options.flvUrl().getPort());
            case TCP_FLV -> bootstrap.connect(options.tcpAddress());
        };
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                player.failed("connect: " + f.cause());
                player.closed();
            }
        });
        return connecting;
    }
}
