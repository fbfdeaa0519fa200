package io.aqueduct.rtmp.codec;

/**
 * Set Peer Bandwidth (type 6): limits the peer's output bandwidth.
 *
 * @param windowSize bytes, unsigned 32 bits
 * @param limitType  {@link #HARD}, {@link #SOFT} or {@link #DYNAMIC}
 */
public record SetPeerBandwidth(long windowSize, int limitType) implements ProtocolControlMessage {

    public static final int HARD = 0;
    public static final int SOFT = 1;
    public static final int DYNAMIC = 2;
}
