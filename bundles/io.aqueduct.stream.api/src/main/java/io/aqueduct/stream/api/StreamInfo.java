package io.aqueduct.stream.api;

import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** A snapshot of one stream for listings and for cluster bundles. Values are read live; thread-safe. */
@ProviderType
public interface StreamInfo {

    StreamKey key();

    /** The publisher, when the stream is published. */
    Optional<ClientSession> publisher();

    /** When the current publisher started, when published. */
    Optional<Instant> publishedSince();

    int players();

    /** Payload bytes received from publishers since the stream appeared. */
    long bytesIn();

    /** Payload bytes its players have read since the stream appeared. */
    long bytesOut();

    /** Incoming bitrate over the last few seconds, in kbit/s. */
    long kbpsIn();

    /** Outgoing bitrate over the last few seconds, in kbit/s. */
    long kbpsOut();

    /** e.g. {@code H264}, or empty before the first video message. */
    String videoCodec();

    /** e.g. {@code AAC}, or empty before the first audio message. */
    String audioCodec();
}
