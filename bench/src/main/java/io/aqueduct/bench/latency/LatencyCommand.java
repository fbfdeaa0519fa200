package io.aqueduct.bench.latency;

import io.aqueduct.bench.Args;
import io.aqueduct.bench.load.LoadGenerator;
import io.aqueduct.bench.load.LoadOptions;
import io.aqueduct.bench.load.LoadResult;
import io.aqueduct.rtmp.client.RtmpUrl;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * {@code latency}: one player of an RTMP or HTTP-FLV URL that reads back the publisher's SEI stamps and reports the
 * end-to-end latency (publisher send time to player receipt of the whole message). The URL may point at any
 * server of a chain (an edge, a forward target): the stamp travels inside the H.264 payload.
 */
public final class LatencyCommand {

    private LatencyCommand() {
    }

    public static void run(Args args, PrintStream out) throws Exception {
        String url = args.string("url", "rtmp://127.0.0.1:1935/live/bench");
        double duration = args.decimal("duration", 20);
        boolean nio = args.flag("nio", false);
        args.rejectUnknown();
        boolean rtmp = url.startsWith("rtmp://");
        LoadOptions options = new LoadOptions(
                rtmp ? RtmpUrl.parse(url) : RtmpUrl.parse("rtmp://127.0.0.1/live/unused"),
                rtmp ? URI.create("http://127.0.0.1:8080/unused.flv") : URI.create(url),
                new InetSocketAddress("127.0.0.1", 0), rtmp ? 1 : 0, rtmp ? 0 : 1, 0, 1, 2, duration, 0, -1, 1, 0,
                nio);
        out.printf("latency: playing %s for %.0f s%n", url, duration + 2);
        LoadResult r = new LoadGenerator(options).run();
        if (r.succeeded() == 0) {
            out.printf("latency: no video received (%s)%n", r.failures());
            return;
        }
        out.printf("latency: %d stamps, p50 %.1f ms, p95 %.1f ms, max %.1f ms; first video after %.1f ms%n",
                r.latencySamples(), r.latencyP50(), r.latencyP95(), r.latencyMax(), r.ttfvP50());
    }
}
