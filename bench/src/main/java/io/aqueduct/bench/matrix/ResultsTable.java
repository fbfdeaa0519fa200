package io.aqueduct.bench.matrix;

import io.aqueduct.bench.load.LoadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.Locale;

/** Formats matrix rows as a Markdown table. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String markdown(List<MatrixRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| media | write window ms | protocol | players | server CPUs | ok / attempted "
                + "| TTFV p50 / p95 / max ms | delivered Mbit/s | < 90 % | server CPU % | CPU % per Gbit/s | RSS MB "
                + "| KB per player | latency p50 / p95 ms (probe) | latency p50 ms (probes joined mid-ramp / last) "
                + "| latency p50 / p95 ms (players) | GC max pause ms "
                + "| load CPU % | efficiency vs raw |\n");
        sb.append("|---|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MatrixRow row : rows) {
            LoadResult r = row.result();
            if (r == null) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | failed: %s |||||||||||||||%n",
                        row.media(), row.writeWindow(), row.protocol(), row.players(), row.serverCpus(), row.error()));
                continue;
            }
            sb.append(String.format(Locale.ROOT,
                    "| %s | %d | %s | %d | %s | %d / %d | %s / %s / %s | %.1f | %d | %.1f | %.1f | %.0f | %.0f "
                            + "| %s / %s | %s / %s | %s / %s | %s | %.0f | %s |%n",
                    row.media(), row.writeWindow(), row.protocol(), row.players(), row.serverCpus(), r.succeeded(),
                    r.attempted(), f(r.ttfvP50()), f(r.ttfvP95()), f(r.ttfvMax()), r.deliveredMbps(),
                    r.playersUnder90(), r.serverCpuPercent(), r.cpuPercentPerGbps(), r.serverRssKb() / 1024.0,
                    r.rssPerPlayerKb(), f1(r.probeLatencyP50()), f1(r.probeLatencyP95()),
                    f1(r.middleProbeLatencyP50()), f1(r.lateProbeLatencyP50()), f(r.latencyP50()),
                    f(r.latencyP95()), f1(row.gcMaxPauseMillis()), r.loadCpuPercent(),
                    Double.isNaN(row.rawMegabitsPerCpuSecond()) ? "-"
                            : String.format(Locale.ROOT, "%.2f", row.ratioToRaw())));
        }
        return sb.toString();
    }

    /**
     * One row per cell and protocol over its repeated runs: the median CPU per delivered Gbit/s (with the range),
     * its ratio to the raw reference's median, and the medians of the probe's latency and of time to first video.
     */
    static String medians(List<MatrixRow> rows) {
        Map<String, List<MatrixRow>> cells = new LinkedHashMap<>();
        for (MatrixRow row : rows) {
            if (row.result() != null) {
                cells.computeIfAbsent(row.media() + "|" + row.writeWindow() + "|" + row.players() + "|"
                        + row.serverCpus() + "|" + row.protocol(), k -> new ArrayList<>()).add(row);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| media | write window ms | protocol | players | server CPUs | runs "
                + "| CPU % per Gbit/s, median (range) | × raw (medians) | latency p50 ms (probe), median "
                + "| TTFV p50 ms, median |\n");
        sb.append("|---|---:|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (List<MatrixRow> runs : cells.values()) {
            MatrixRow first = runs.get(0);
            double cost = median(runs, r -> r.result().cpuPercentPerGbps());
            String ratio = "-";
            if (!"raw".equals(first.protocol())) {
                List<MatrixRow> raws = cells.get(first.media() + "|" + first.writeWindow() + "|" + first.players() + "|"
                        + first.serverCpus() + "|raw");
                if (raws != null) {
                    double rawCost = median(raws, r -> r.result().cpuPercentPerGbps());
                    ratio = String.format(Locale.ROOT, "%.2fx", cost / rawCost);
                }
            }
            sb.append(String.format(Locale.ROOT,
                    "| %s | %d | %s | %d | %s | %d | %.1f (%.1f–%.1f) | %s | %s | %s |%n",
                    first.media(), first.writeWindow(), first.protocol(), first.players(), first.serverCpus(),
                    runs.size(), cost, min(runs), max(runs), ratio,
                    f1(median(runs, r -> r.result().probeLatencyP50())),
                    f(median(runs, r -> r.result().ttfvP50()))));
        }
        return sb.toString();
    }

    private static double median(List<MatrixRow> runs, ToDoubleFunction<MatrixRow> value) {
        double[] v = runs.stream().mapToDouble(value).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<MatrixRow> runs) {
        return runs.stream().mapToDouble(r -> r.result().cpuPercentPerGbps()).min().orElse(Double.NaN);
    }

    private static double max(List<MatrixRow> runs) {
        return runs.stream().mapToDouble(r -> r.result().cpuPercentPerGbps()).max().orElse(Double.NaN);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
