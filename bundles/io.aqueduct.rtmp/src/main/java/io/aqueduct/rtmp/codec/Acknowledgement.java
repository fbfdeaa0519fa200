package io.aqueduct.rtmp.codec;

/**
 * Acknowledgement (type 3): the number of bytes received so far, sent each time a window's worth arrived.
 *
 * @param sequenceNumber bytes received, unsigned 32 bits (wraps)
 */
public record Acknowledgement(long sequenceNumber) implements ProtocolControlMessage {
}
