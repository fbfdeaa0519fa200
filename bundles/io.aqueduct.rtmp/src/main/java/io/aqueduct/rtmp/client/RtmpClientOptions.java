package io.aqueduct.rtmp.client;

import io.aqueduct.rtmp.codec.ChunkDecoder;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link RtmpClient} connection.
 *
 * @param connectTimeout       TCP connect timeout
 * @param responseTimeout      how long {@code connect}, {@code publish} and {@code play} wait for the server's answer
 * @param chunkSize            the chunk size announced with Set Chunk Size right after the handshake
 * @param windowAckSize        the Window Acknowledgement Size announced to the server
 * @param flashVersion         the {@code flashVer} of the {@code connect} command
 * @param maxMessageSize       the largest message accepted from the server
 * @param sendBufferLimit      bytes waiting to be written past which the session is not
 *                             {@linkplain RtmpClientSession#isWritable() writable} (since 1.1)
 */
public record RtmpClientOptions(Duration connectTimeout, Duration responseTimeout, int chunkSize, long windowAckSize,
        String flashVersion, int maxMessageSize, int sendBufferLimit) {

    /** 256 KB: a quarter of a second of a 8 Mbit/s stream, more than a key frame of most. */
    public static final int DEFAULT_SEND_BUFFER_LIMIT = 256 * 1024;

    public static final RtmpClientOptions DEFAULTS = new RtmpClientOptions(Duration.ofSeconds(5),
            Duration.ofSeconds(10), 60000, 2_500_000, "FMLE/3.0 (compatible; Aqueduct)",
            ChunkDecoder.DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_SEND_BUFFER_LIMIT);

    public RtmpClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(flashVersion, "flashVersion");
        if (chunkSize < 1 || windowAckSize < 1 || maxMessageSize < 1 || sendBufferLimit < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
    }

    /** The options of version 1.0, with the default send buffer limit. */
    public RtmpClientOptions(Duration connectTimeout, Duration responseTimeout, int chunkSize, long windowAckSize,
            String flashVersion, int maxMessageSize) {
        this(connectTimeout, responseTimeout, chunkSize, windowAckSize, flashVersion, maxMessageSize,
                DEFAULT_SEND_BUFFER_LIMIT);
    }

    public RtmpClientOptions withResponseTimeout(Duration timeout) {
        return new RtmpClientOptions(connectTimeout, timeout, chunkSize, windowAckSize, flashVersion, maxMessageSize,
                sendBufferLimit);
    }

    public RtmpClientOptions withChunkSize(int size) {
        return new RtmpClientOptions(connectTimeout, responseTimeout, size, windowAckSize, flashVersion,
                maxMessageSize, sendBufferLimit);
    }

    /** @since 1.1 */
    public RtmpClientOptions withSendBufferLimit(int bytes) {
        return new RtmpClientOptions(connectTimeout, responseTimeout, chunkSize, windowAckSize, flashVersion,
                maxMessageSize, bytes);
    }
}
