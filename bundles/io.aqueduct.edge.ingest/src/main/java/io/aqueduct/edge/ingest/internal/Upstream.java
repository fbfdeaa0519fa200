package io.aqueduct.edge.ingest.internal;

import java.util.concurrent.CompletableFuture;

/**
 * One connection that plays one stream at one origin for an {@link IngestSession}: RTMP ({@link RtmpUpstream}) or
 * HTTP-FLV ({@link FlvUpstream}). What the origin sends goes to the {@link UpstreamEvents} given at creation.
 *
 * <p>Threading: created, opened and closed on the session's event loop, which is also the connection's; events are
 * delivered on it.
 */
interface Upstream {

    /**
     * Connects and asks the origin for the stream.
     *
     * @return completes when the origin accepted the play; fails with {@link StreamNotAtOriginException} when the
     *         origin answered that it does not have the stream, else with the connection's error
     */
    CompletableFuture<Void> open();

    /**
     * Whether the connection stays open after the origin unpublished the stream and brings the republished stream
     * on it (RTMP: UnpublishNotify, then PublishNotify); otherwise the play ended with the stream (HTTP-FLV: the
     * body ended) and the session must ask again.
     */
    boolean waitsForRepublish();

    /** Closes the connection; no event follows. Idempotent. */
    void close();

    /** What this plays, for logs: a URL. */
    String target();
}
