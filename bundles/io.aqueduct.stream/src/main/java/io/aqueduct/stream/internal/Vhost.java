package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.VhostSettings;
import java.util.Locale;

/** Immutable vhost settings, built from a {@link VhostConfig} or defaults. */
record Vhost(String name, boolean enabled, int chunkSize, boolean gopCache, int queueLengthMillis,
             TimeJitter timeJitter, int mergedWriteMillis, int publisherIdleTimeoutMillis,
             int firstPacketTimeoutMillis) implements VhostSettings {

    /** Without any configuration (an embedded registry): players are written at once. */
    static final Vhost DEFAULT = new Vhost(StreamKey.DEFAULT_VHOST, true, 60000, true, 30_000, TimeJitter.FULL, 0,
            5000, 20000);

    static Vhost of(VhostConfig c) {
        return new Vhost(c.name(), c.enabled(), Math.max(128, Math.min(65536, c.chunk__size())), c.gop__cache(),
                Math.max(1, c.queue__length()) * 1000, parseJitter(c.time__jitter()),
                // A window as long as the queue would make every player skip GOPs: at most half the queue.
                Math.min(Math.max(0, c.mw__latency()), Math.max(1, c.queue__length()) * 500),
                Math.max(1000, c.publish__normal__timeout()), Math.max(1000, c.publish__firstpkt__timeout()));
    }

    /** The same settings under another name (the default vhost's settings serve unknown vhosts). */
    Vhost named(String otherName) {
        return new Vhost(otherName, enabled, chunkSize, gopCache, queueLengthMillis, timeJitter, mergedWriteMillis,
                publisherIdleTimeoutMillis, firstPacketTimeoutMillis);
    }

    private static TimeJitter parseJitter(String value) {
        try {
            return TimeJitter.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TimeJitter.FULL;
        }
    }
}
