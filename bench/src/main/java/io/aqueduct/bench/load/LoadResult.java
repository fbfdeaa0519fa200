package io.aqueduct.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures of one load run. CPU and RSS figures are NaN / 0 when no server pid was given. Stored as a
 * properties file so that the matrix can read the result of a load process it started.
 */
public record LoadResult(int attempted, int succeeded, int failed, int closedDuringRun, double ttfvP50,
        double ttfvP95, double ttfvMax, double windowSeconds, double rampSeconds, double deliveredMbps,
        int playersUnder90, double sourceKbps, double serverCpuPercent, long serverRssKb, double rssPerPlayerKb,
        double latencyP50, double latencyP95, double latencyMax, long latencySamples, double probeLatencyP50,
        double probeLatencyP95, double probeLatencyMax, double middleProbeLatencyP50, double lateProbeLatencyP50,
        double loadCpuPercent, String failures) {

    static LoadResult of(LoadOptions options, List<Player> players, long[] windowBytes, double window,
            double rampSeconds, double serverCpuSeconds, double loadCpuSeconds, long rssBeforeKb, long rssKb,
            LatencyRecorder latency, LatencyRecorder probe, LatencyRecorder middleProbe,
            LatencyRecorder lateProbe) {
        int succeeded = 0;
        int closed = 0;
        int under = 0;
        long total = 0;
        double[] ttfv = new double[players.size()];
        int withVideo = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        double threshold = 0.9 * options.sourceBitsPerSecond();
        for (int i = 0; i < players.size(); i++) {
            Player p = players.get(i);
            total += windowBytes[i];
            if (p.hasVideo()) {
                succeeded++;
                ttfv[withVideo++] = p.millisToFirstVideo();
                if (threshold > 0 && windowBytes[i] * 8 / window < threshold) {
                    under++;
                }
                if (p.isClosed()) {
                    closed++;
                }
            } else {
                String why = p.failure() == null ? "no video message yet" : p.failure();
                reasons.merge(why.length() > 80 ? why.substring(0, 80) : why, 1, Integer::sum);
            }
        }
        double[] sorted = Arrays.copyOf(ttfv, withVideo);
        Arrays.sort(sorted);
        double mbps = total * 8 / window / 1e6;
        String failures = reasons.entrySet().stream().map(e -> e.getValue() + "x " + e.getKey())
                .collect(Collectors.joining("; "));
        return new LoadResult(players.size(), succeeded, players.size() - succeeded, closed, quantile(sorted, 0.5),
                quantile(sorted, 0.95), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], window,
                rampSeconds, mbps, threshold > 0 ? under : -1, options.sourceBitsPerSecond() / 1000,
                serverCpuSeconds / window * 100, rssKb,
                succeeded == 0 ? Double.NaN : (rssKb - rssBeforeKb) / (double) succeeded,
                latency.quantileMillis(0.5), latency.quantileMillis(0.95), latency.maxMillis(), latency.count(),
                probe.quantileMillis(0.5), probe.quantileMillis(0.95), probe.maxMillis(), middleProbe.quantileMillis(0.5),
                lateProbe.quantileMillis(0.5), loadCpuSeconds / window * 100, failures);
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Server CPU percent (of one core) per delivered Gbit/s. */
    public double cpuPercentPerGbps() {
        return serverCpuPercent / (deliveredMbps / 1000);
    }

    /** Delivered megabits per CPU-second of the server: the efficiency compared with the raw reference. */
    public double megabitsPerCpuSecond() {
        return deliveredMbps / (serverCpuPercent / 100);
    }

    public void print(PrintStream out) {
        out.printf("connections: attempted %d, succeeded %d, failed %d, closed during the run %d (ramp %.1f s)%n",
                attempted, succeeded, failed, closedDuringRun, rampSeconds);
        if (!failures.isEmpty()) {
            out.printf("failures: %s%n", failures);
        }
        out.printf("time to first video: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", ttfvP50, ttfvP95, ttfvMax);
        out.printf("steady window %.1f s: delivered %.1f Mbit/s, players under 90%% of %.0f kbit/s: %d%n",
                windowSeconds, deliveredMbps, sourceKbps, playersUnder90);
        out.printf("latency of the probe player (SEI stamps, no SO_RCVLOWAT): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                probeLatencyP50, probeLatencyP95, probeLatencyMax);
        out.printf("latency p50 of the probes that joined halfway through the ramp and after it: %.1f ms, %.1f ms%n",
                middleProbeLatencyP50, lateProbeLatencyP50);
        out.printf("latency of all players (SEI stamps, %d samples, incl. SO_RCVLOWAT wait): p50 %.1f ms, p95 %.1f ms,"
                + " max %.1f ms%n", latencySamples, latencyP50, latencyP95, latencyMax);
        if (!Double.isNaN(serverCpuPercent)) {
            out.printf("server: CPU %.1f%% (%.1f%% per Gbit/s, %.0f Mbit per CPU-second), RSS %d KB (%.1f KB per"
                    + " player)%n", serverCpuPercent, cpuPercentPerGbps(), megabitsPerCpuSecond(), serverRssKb,
                    rssPerPlayerKb);
        }
        out.printf("load generator: CPU %.1f%%%n", loadCpuPercent);
    }

    public void store(Writer out) throws IOException {
        Properties p = new Properties();
        for (var c : LoadResult.class.getRecordComponents()) {
            try {
                p.setProperty(c.getName(), String.valueOf(c.getAccessor().invoke(this)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        p.store(out, "aqueduct-bench load result");
    }

    public static LoadResult load(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return new LoadResult(i(p, "attempted"), i(p, "succeeded"), i(p, "failed"), i(p, "closedDuringRun"),
                d(p, "ttfvP50"), d(p, "ttfvP95"), d(p, "ttfvMax"), d(p, "windowSeconds"), d(p, "rampSeconds"),
                d(p, "deliveredMbps"), i(p, "playersUnder90"), d(p, "sourceKbps"), d(p, "serverCpuPercent"),
                Long.parseLong(p.getProperty("serverRssKb")), d(p, "rssPerPlayerKb"), d(p, "latencyP50"),
                d(p, "latencyP95"), d(p, "latencyMax"), Long.parseLong(p.getProperty("latencySamples")),
                d(p, "probeLatencyP50"), d(p, "probeLatencyP95"), d(p, "probeLatencyMax"), d(p, "middleProbeLatencyP50"),
                d(p, "lateProbeLatencyP50"), d(p, "loadCpuPercent"), p.getProperty("failures", ""));
    }

    private static int i(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key));
    }

    private static double d(Properties p, String key) {
        return Double.parseDouble(p.getProperty(key));
    }
}
