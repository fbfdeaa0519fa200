package io.aqueduct.rtmp.codec;

import io.netty.handler.codec.DecoderException;

/**
 * A peer broke the RTMP protocol or one of our limits (bad handshake, oversized message, unknown chunk stream, ...).
 * The codec never closes the channel itself: the exception travels to the handler's {@code exceptionCaught}, which
 * decides.
 */
public class RtmpProtocolException extends DecoderException {

    private static final long serialVersionUID = 1L;

    public RtmpProtocolException(String message) {
        super(message);
    }

    public RtmpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
