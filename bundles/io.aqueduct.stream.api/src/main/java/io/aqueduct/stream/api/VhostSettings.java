package io.aqueduct.stream.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The typed settings of one vhost, as the SRS-style config's {@code vhost NAME { ... }} block gives them.
 */
@ProviderType
public interface VhostSettings {

    /** How timestamps are corrected before players see them (SRS {@code play { time_jitter }}). */
    enum TimeJitter {
        /** Monotonic, starting near 0, jumps replaced by a small step. */
        FULL,
        /** Starting at 0, otherwise unchanged. */
        ZERO,
        /** Unchanged. */
        OFF
    }

    String name();

    boolean enabled();

    /** Outgoing RTMP chunk size, 128..65536. */
    int chunkSize();

    boolean gopCache();

    /** Most media a player may have queued, in milliseconds. */
    int queueLengthMillis();

    TimeJitter timeJitter();

    /** Merged-write window for players, in milliseconds (0: write as soon as the loop is free). */
    int mergedWriteMillis();

    /** A publisher that sent no media for this long is dropped. */
    int publisherIdleTimeoutMillis();
}
