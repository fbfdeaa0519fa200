package io.aqueduct.edge.ingest.internal;

import io.aqueduct.stream.api.MediaMessage;

/** What an {@link Upstream} reports to its session, on the session's event loop. */
interface UpstreamEvents {

    /** Audio, video or script data from the origin; takes ownership of the message. */
    void media(MediaMessage message);

    /** The origin unpublished the stream (RTMP UnpublishNotify, or the end of an HTTP-FLV body). */
    void unpublished();

    /** The origin published the stream again on a connection that waited for it (RTMP PublishNotify). */
    void republished();

    /** The connection ended without being closed by the session, after the origin had accepted the play. */
    void closed(String reason);
}
