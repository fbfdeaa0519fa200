package io.aqueduct.rtmp.codec;

/**
 * One RTMP message, decoded by {@link ChunkDecoder} or to be written by {@link ChunkEncoder}. Implementations are
 * immutable; {@link MediaPacket} is also reference-counted.
 */
public interface RtmpMessage {

    /** The message stream id (0 for the connection itself). */
    int streamId();

    /** Milliseconds, unsigned 32 bits. */
    int timestamp();
}
