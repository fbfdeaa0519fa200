package io.aqueduct.stream.api.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A plain text table for shell output: a header row, then rows, each column padded to its widest cell. */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        rows.add(header.clone());
    }

    /** Adds a row of as many cells as the header; null cells print as {@code -}. */
    public TextTable row(String... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException(cells.length + " cells for " + rows.get(0).length + " columns");
        }
        String[] copy = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i] == null ? "-" : cells[i];
        }
        rows.add(copy);
        return this;
    }

    /** The rows added after the header. */
    public int size() {
        return rows.size() - 1;
    }

    /** The table, a line per row ending in a newline, columns two spaces apart, no trailing spaces. */
    @Override
    public String toString() {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String[] r : rows) {
            line.setLength(0);
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(widths[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The time since {@code since} as {@code 1h02m03s}. */
    public static String age(Instant since) {
        long s = Math.max(0, Duration.between(since, Instant.now()).getSeconds());
        return String.format("%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
    }
}
