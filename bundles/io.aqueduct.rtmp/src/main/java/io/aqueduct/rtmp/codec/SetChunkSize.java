package io.aqueduct.rtmp.codec;

/**
 * Set Chunk Size (message type 1): the sender's chunk size from now on. The decoder applies a received one to itself
 * and the encoder applies an outgoing one right after writing it.
 *
 * @param chunkSize 1 to 2^31-1 bytes
 */
public record SetChunkSize(int chunkSize) implements ProtocolControlMessage {

    public SetChunkSize {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
    }
}
