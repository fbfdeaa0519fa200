package io.aqueduct.bench.matrix;

import io.aqueduct.bench.load.LoadResult;
import java.util.List;
import java.util.Locale;

/** Formats matrix rows as a Markdown table. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String markdown(List<MatrixRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| media | write window ms | protocol | players | server CPUs | ok / attempted "
                + "| TTFV p50 / p95 / max ms | delivered Mbit/s | < 90 % | server CPU % | CPU % per Gbit/s | RSS MB "
                + "| KB per player | latency p50 / p95 ms (probe) | latency p50 / p95 ms (players) | GC max pause ms "
                + "| load CPU % | efficiency vs raw |\n");
        sb.append("|---|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MatrixRow row : rows) {
            LoadResult r = row.result();
            if (r == null) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | failed: %s ||||||||||||||%n",
                        row.media(), row.writeWindow(), row.protocol(), row.players(), row.serverCpus(), row.error()));
                continue;
            }
            sb.append(String.format(Locale.ROOT,
                    "| %s | %d | %s | %d | %s | %d / %d | %s / %s / %s | %.1f | %d | %.1f | %.1f | %.0f | %.0f "
                            + "| %s / %s | %s / %s | %s | %.0f | %s |%n",
                    row.media(), row.writeWindow(), row.protocol(), row.players(), row.serverCpus(), r.succeeded(),
                    r.attempted(), f(r.ttfvP50()), f(r.ttfvP95()), f(r.ttfvMax()), r.deliveredMbps(),
                    r.playersUnder90(), r.serverCpuPercent(), r.cpuPercentPerGbps(), r.serverRssKb() / 1024.0,
                    r.rssPerPlayerKb(), f1(r.probeLatencyP50()), f1(r.probeLatencyP95()), f(r.latencyP50()),
                    f(r.latencyP95()), f1(row.gcMaxPauseMillis()), r.loadCpuPercent(),
                    Double.isNaN(row.rawMegabitsPerCpuSecond()) ? "-"
                            : String.format(Locale.ROOT, "%.2f", row.ratioToRaw())));
        }
        return sb.toString();
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
