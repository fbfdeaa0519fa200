package io.aqueduct.bench.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a JVM's {@code -Xlog:gc} file: the longest stop-the-world pause it logged. */
final class GcLog {

    /** e.g. {@code [3.100s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(64M) 2.412ms}. */
    private static final Pattern PAUSE =
            Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\].*\\bPause\\b.*\\s(\\d+(?:\\.\\d+)?)ms\\s*$");

    private GcLog() {
    }

    /**
     * The longest pause in milliseconds from {@code fromUptimeSeconds} of the JVM's uptime on (start-up pauses,
     * while the framework loads classes, are not the fan-out's), 0 when none was logged, NaN when the log cannot be
     * read.
     */
    static double maxPauseMillis(Path log, double fromUptimeSeconds) {
        try {
            double max = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find() && Double.parseDouble(m.group(1)) >= fromUptimeSeconds) {
                    max = Math.max(max, Double.parseDouble(m.group(2)));
                }
            }
            return max;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
