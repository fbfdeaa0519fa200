package io.aqueduct.stream.api;

/** The kind of a media message, as FLV and RTMP know it. */
public enum MessageType {
    AUDIO(8),
    VIDEO(9),
    /** {@code onMetaData} script data: cached and sent first to every new player. */
    METADATA(18),
    /** Any other script data: relayed in order, never cached. */
    DATA(18);

    private final int flvTagType;

    MessageType(int flvTagType) {
        this.flvTagType = flvTagType;
    }

    /** The FLV tag type, which is also the RTMP message type id (8, 9 or 18). */
    public int flvTagType() {
        return flvTagType;
    }
}
