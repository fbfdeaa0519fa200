package io.aqueduct.bench.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a JVM's {@code -Xlog:gc} file: the longest stop-the-world pause it logged. */
final class GcLog {

    /** e.g. {@code [3.1s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(64M) 2.412ms}. */
    private static final Pattern PAUSE = Pattern.compile("\\bPause\\b.*\\s(\\d+(?:\\.\\d+)?)ms\\s*$");

    private GcLog() {
    }

    /** The longest pause in milliseconds, 0 when none was logged, NaN when the log cannot be read. */
    static double maxPauseMillis(Path log) {
        try {
            double max = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    max = Math.max(max, Double.parseDouble(m.group(1)));
                }
            }
            return max;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
