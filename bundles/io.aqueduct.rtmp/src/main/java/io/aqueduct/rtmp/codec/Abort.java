package io.aqueduct.rtmp.codec;

/**
 * Abort Message (type 2): the sender drops the partly sent message on a chunk stream. The decoder discards what it
 * had assembled on that chunk stream.
 */
public record Abort(int chunkStreamId) implements ProtocolControlMessage {
}
