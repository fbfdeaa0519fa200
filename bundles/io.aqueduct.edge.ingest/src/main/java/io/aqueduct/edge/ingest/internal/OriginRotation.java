package io.aqueduct.edge.ingest.internal;

import java.util.List;

/**
 * Which origin to try next: in order, moving on when one fails (round robin), and waiting with exponential backoff
 * once a whole round failed; and how long to wait before asking an origin that answered without the stream again.
 * Not thread-safe: used on one session's event loop.
 */
final class OriginRotation {

    private int index;
    private int failuresInRow;
    private long absentDelay;

    /** The origin to use now, or {@code null} when the list is empty. */
    Origin current(List<Origin> origins) {
        return origins.isEmpty() ? null : origins.get(index % origins.size());
    }

    /** The origin in use failed: moves on and returns how long to wait before the next attempt. */
    long failed(List<Origin> origins, long initialMillis, long maxMillis) {
        failuresInRow++;
        index = origins.isEmpty() ? 0 : (index + 1) % origins.size();
        int n = Math.max(1, origins.size());
        if (failuresInRow % n != 0) {
            return 0;
        }
        int rounds = Math.min(20, failuresInRow / n);
        return Math.min(maxMillis, initialMillis << (rounds - 1));
    }

    /**
     * The origin in use is alive but lacks the stream: stays on it and returns how long to wait before asking again,
     * doubling from {@code initialMillis} up to {@code maxMillis}.
     */
    long absent(long initialMillis, long maxMillis) {
        absentDelay = absentDelay == 0 ? initialMillis : Math.min(maxMillis, absentDelay * 2);
        return absentDelay;
    }

    /** The origin in use sends the stream: the next failure starts a new round, the next absence waits little. */
    void succeeded() {
        failuresInRow = 0;
        absentDelay = 0;
    }
}
