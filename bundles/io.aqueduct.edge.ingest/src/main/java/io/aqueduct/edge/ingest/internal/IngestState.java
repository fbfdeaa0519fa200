package io.aqueduct.edge.ingest.internal;

/** The life of one edge upstream (SRS {@code SrsEdgeState}), as {@code edge:list} shows it. */
enum IngestState {
    /** Opening the first upstream connection to an origin. */
    CONNECTING,
    /** Connected and playing, but the origin has not (or no longer) published the stream: players wait. */
    WAITING,
    /** Media flows from the origin into the local stream. */
    PLAYING,
    /** The origin in use failed or dropped the upstream: trying the next one while players stay. */
    FAILING_OVER,
    /** No players left: the upstream is kept for the grace period in case one comes back. */
    IDLE,
    /** Closed for good; a new demand creates a new session. */
    STOPPED
}
