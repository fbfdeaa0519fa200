package io.aqueduct.rtmp.codec;

/**
 * Window Acknowledgement Size (type 5): the receiver of this message acknowledges every {@code windowSize} bytes.
 *
 * @param windowSize bytes, unsigned 32 bits
 */
public record WindowAcknowledgementSize(long windowSize) implements ProtocolControlMessage {
}
