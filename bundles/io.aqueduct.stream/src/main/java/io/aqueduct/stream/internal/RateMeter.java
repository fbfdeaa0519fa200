package io.aqueduct.stream.internal;

/**
 * A bitrate over the last few seconds. {@link #add} is called by one writer (under the stream's lock);
 * {@link #sample} by the registry's housekeeping thread once a second.
 */
final class RateMeter {

    private static final int WINDOW = 5;

    private volatile long total;
    private final long[] totals = new long[WINDOW];
    private final long[] times = new long[WINDOW];
    private int next;
    private int filled;
    private volatile long kbps;

    void add(long bytes) {
        total = total + bytes;
    }

    void sample(long nowNanos) {
        long t = total;
        int oldest = filled < WINDOW ? 0 : next;
        if (filled > 0) {
            long elapsed = nowNanos - times[oldest];
            kbps = elapsed <= 0 ? 0 : (t - totals[oldest]) * 8L * 1_000_000L / elapsed;
        }
        totals[next] = t;
        times[next] = nowNanos;
        next = (next + 1) % WINDOW;
        filled = Math.min(WINDOW, filled + 1);
    }

    long kbps() {
        return kbps;
    }
}
