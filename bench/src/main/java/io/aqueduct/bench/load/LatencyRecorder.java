package io.aqueduct.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A histogram of latencies in 0.1 ms buckets up to 10 s (longer ones count in the last bucket, and in the maximum).
 * Thread-safe and allocation-free on {@link #record}, so every player's event loop records into one instance.
 */
public final class LatencyRecorder {

    private static final int BUCKET_MICROS = 100;
    private static final int BUCKETS = 100_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    public void record(long micros) {
        if (micros < 0) {
            micros = 0;
        }
        counts.incrementAndGet((int) Math.min(BUCKETS - 1, micros / BUCKET_MICROS));
        total.incrementAndGet();
        long m;
        while (micros > (m = max.get()) && !max.compareAndSet(m, micros)) {
            // retry
        }
    }

    public long count() {
        return total.get();
    }

    /** The latency at {@code quantile} (0..1) in milliseconds (bucket upper bound), or NaN when empty. */
    public double quantileMillis(double quantile) {
        long n = total.get();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(quantile * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_MICROS / 1000.0;
            }
        }
        return maxMillis();
    }

    public double maxMillis() {
        return total.get() == 0 ? Double.NaN : max.get() / 1000.0;
    }
}
