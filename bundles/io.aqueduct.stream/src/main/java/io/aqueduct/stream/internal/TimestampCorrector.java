package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.VhostSettings.TimeJitter;

/**
 * Corrects publisher timestamps as SRS's {@code time_jitter} does, so players see monotonic timestamps across
 * republishes and upstream switches. One per stream, kept across publish sessions.
 *
 * <p>Not thread-safe: used under the stream's lock.
 */
final class TimestampCorrector {

    /** A step larger than this either way is a jump (SRS CONST_MAX_JITTER_MS). */
    static final int MAX_JITTER_MILLIS = 250;
    /** What a jump is replaced with (SRS DEFAULT_FRAME_TIME_MS). */
    static final int DEFAULT_FRAME_MILLIS = 10;

    private boolean started;
    private boolean sessionStarted;
    private int lastOriginal;
    private long lastCorrected;
    private int sessionFirst;

    /** A new publisher: the next timestamp starts a new session. */
    void newSession() {
        sessionStarted = false;
    }

    int correct(int timestamp, TimeJitter mode) {
        if (!sessionStarted) {
            sessionStarted = true;
            sessionFirst = timestamp;
        }
        switch (mode) {
            case OFF:
                return timestamp;
            case ZERO:
                return timestamp - sessionFirst;
            default:
                break;
        }
        if (!started) {
            started = true;
            lastOriginal = timestamp;
            lastCorrected = 0;
            return 0;
        }
        long delta = (long) timestamp - lastOriginal;
        if (delta < -MAX_JITTER_MILLIS || delta > MAX_JITTER_MILLIS) {
            delta = DEFAULT_FRAME_MILLIS;
        }
        lastOriginal = timestamp;
        lastCorrected = Math.max(0, lastCorrected + delta);
        return (int) lastCorrected;
    }
}
