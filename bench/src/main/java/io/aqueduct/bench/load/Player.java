package io.aqueduct.bench.load;

import io.aqueduct.bench.flv.SeiStamp;

/**
 * What one simulated player has received. Its handler updates it on the connection's event loop only; the report
 * thread reads the volatile fields.
 */
public final class Player {

    private final PlayerKind kind;
    private final LatencyRecorder latency;
    private volatile long startNanos;
    private volatile long bytes;
    private volatile long firstVideoNanos;
    private volatile long videoMessages;
    private volatile String failure;
    private volatile boolean closed;
    private volatile boolean recordLatency;
    private Runnable onFirstVideo = () -> { };

    public Player(PlayerKind kind, LatencyRecorder latency) {
        this.kind = kind;
        this.latency = latency;
    }

    public PlayerKind kind() {
        return kind;
    }

    /** Runs on the event loop when the first video message is complete (used to set SO_RCVLOWAT). */
    void onFirstVideo(Runnable action) {
        onFirstVideo = action;
    }

    void started() {
        startNanos = System.nanoTime();
    }

    void addBytes(int n) {
        bytes += n;
    }

    /** The first bytes of a video message or tag body (at most {@link SeiStamp#PEEK_BYTES}). */
    void video(byte[] peek, int length) {
        if (firstVideoNanos == 0) {
            firstVideoNanos = System.nanoTime();
            onFirstVideo.run();
        }
        videoMessages++;
        if (recordLatency) {
            long stamp = SeiStamp.read(peek, length);
            if (stamp > 0) {
                latency.record(SeiStamp.nowMicros() - stamp);
            }
        }
    }

    void failed(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    void closed() {
        closed = true;
        if (firstVideoNanos == 0) {
            failed("closed before the first video message");
        }
    }

    void recordLatency(boolean on) {
        recordLatency = on;
    }

    public long bytes() {
        return bytes;
    }

    public long videoMessages() {
        return videoMessages;
    }

    /** Milliseconds from the connection attempt to the first video message, or -1. */
    public double millisToFirstVideo() {
        long first = firstVideoNanos;
        return first == 0 ? -1 : (first - startNanos) / 1e6;
    }

    public boolean hasVideo() {
        return firstVideoNanos != 0;
    }

    public String failure() {
        return failure;
    }

    public boolean isClosed() {
        return closed;
    }
}
