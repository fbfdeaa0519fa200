package io.aqueduct.bench.load;

import io.aqueduct.bench.Args;
import io.aqueduct.bench.flv.FlvFile;
import io.aqueduct.rtmp.client.RtmpUrl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

/**
 * What a load run does.
 *
 * @param rtmpUrl        the stream RTMP players play
 * @param flvUrl         the HTTP-FLV URL HTTP players get
 * @param tcpAddress     the raw reference server's address (its players read FLV bytes with no request)
 * @param rtmpPlayers    how many RTMP players
 * @param flvPlayers     how many HTTP-FLV players
 * @param tcpPlayers     how many raw TCP players
 * @param rampPerSecond  connection attempts per second
 * @param warmupSeconds  wait after the last attempt before the steady window opens
 * @param windowSeconds  length of the steady window in which rates, CPU and latency are measured
 * @param sourceBitsPerSecond the stream's bitrate (0 when unknown): players under 90 % of it are counted
 * @param serverPid      the server process to sample in /proc (-1: none)
 * @param threads        event loop threads of the load generator
 * @param receiveLowWaterMark SO_RCVLOWAT in bytes (0: leave the kernel default)
 * @param nio            use NIO even where epoll is available
 */
public record LoadOptions(RtmpUrl rtmpUrl, URI flvUrl, InetSocketAddress tcpAddress, int rtmpPlayers, int flvPlayers,
        int tcpPlayers, double rampPerSecond, double warmupSeconds, double windowSeconds, double sourceBitsPerSecond,
        long serverPid, int threads, int receiveLowWaterMark, boolean nio) {

    public int totalPlayers() {
        return rtmpPlayers + flvPlayers + tcpPlayers;
    }

    /** Reads the options of the {@code load} command. */
    public static LoadOptions parse(Args args) throws IOException {
        String tcp = args.string("tcp-address", "127.0.0.1:19400");
        int colon = tcp.lastIndexOf(':');
        double source = args.decimal("source-kbps", 0) * 1000;
        if (args.has("media")) {
            source = FlvFile.read(Path.of(args.string("media", null))).bitsPerSecond();
        }
        return new LoadOptions(
                RtmpUrl.parse(args.string("rtmp-url", "rtmp://127.0.0.1:1935/live/bench")),
                URI.create(args.string("flv-url", "http://127.0.0.1:8080/live/bench.flv")),
                new InetSocketAddress(tcp.substring(0, colon), Integer.parseInt(tcp.substring(colon + 1))),
                args.integer("rtmp", 0), args.integer("flv", 0), args.integer("tcp", 0),
                args.decimal("rate", 200), args.decimal("warmup", 5), args.decimal("window", 20), source,
                args.integer("server-pid", -1), args.integer("threads", Runtime.getRuntime().availableProcessors()),
                args.integer("rcvlowat", 16 * 1024), args.flag("nio", false));
    }
}
