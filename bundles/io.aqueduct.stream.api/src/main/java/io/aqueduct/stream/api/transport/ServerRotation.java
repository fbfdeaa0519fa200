package io.aqueduct.stream.api.transport;

import java.util.List;

/**
 * Which of several servers to try next (an edge's origins): in order, moving on when one fails (round robin), and
 * waiting with exponential backoff once a whole round failed; and how long to wait before asking a server that
 * answered without the stream again. Not thread-safe: used on one session's event loop.
 *
 * @since 1.1
 */
public final class ServerRotation {

    private int index;
    private int failuresInRow;
    private long absentDelay;

    /** The server to use now, or {@code null} when the list is empty. */
    public ServerAddress current(List<ServerAddress> servers) {
        return servers.isEmpty() ? null : servers.get(index % servers.size());
    }

    /**
     * The server in use failed: moves on and returns how long to wait before the next attempt, 0 within a round,
     * then doubling from {@code initialMillis} up to {@code maxMillis} after each round that failed.
     */
    public long failed(List<ServerAddress> servers, long initialMillis, long maxMillis) {
        failuresInRow++;
        index = servers.isEmpty() ? 0 : (index + 1) % servers.size();
        int n = Math.max(1, servers.size());
        if (failuresInRow % n != 0) {
            return 0;
        }
        int rounds = Math.min(20, failuresInRow / n);
        return Math.min(maxMillis, initialMillis << (rounds - 1));
    }

    /**
     * The server in use is alive but lacks the stream: stays on it and returns how long to wait before asking
     * again, doubling from {@code initialMillis} up to {@code maxMillis}.
     */
    public long absent(long initialMillis, long maxMillis) {
        absentDelay = absentDelay == 0 ? initialMillis : Math.min(maxMillis, absentDelay * 2);
        return absentDelay;
    }

    /** The server in use works: the next failure starts a new round, the next absence waits little. */
    public void succeeded() {
        failuresInRow = 0;
        absentDelay = 0;
    }
}
