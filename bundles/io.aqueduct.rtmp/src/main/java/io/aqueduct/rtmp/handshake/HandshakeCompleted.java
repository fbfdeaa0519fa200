package io.aqueduct.rtmp.handshake;

/**
 * The user event fired by {@link RtmpServerHandshakeHandler} and {@link RtmpClientHandshakeHandler} when the handshake
 * is over, just before they leave the pipeline. Chunks may follow right after it.
 */
public enum HandshakeCompleted {
    INSTANCE
}
