package io.aqueduct.bench.flv;

/**
 * One FLV tag of a file held in memory.
 *
 * @param type      8 audio, 9 video, 18 script data
 * @param timestamp milliseconds (the 24 + 8 bit FLV field)
 * @param data      the tag body
 */
public record FlvTag(int type, int timestamp, byte[] data) {

    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int SCRIPT = 18;

    /** AVC/AAC sequence headers and script data: sent once, before the media. */
    public boolean isConfig() {
        if (type == SCRIPT) {
            return true;
        }
        if (data.length < 2) {
            return false;
        }
        if (type == VIDEO) {
            return (data[0] & 0x0f) == 7 && data[1] == 0;
        }
        return type == AUDIO && (data[0] & 0xf0) == 0xa0 && data[1] == 0;
    }

    public boolean isVideo() {
        return type == VIDEO;
    }

    /** An H.264 frame with NAL units (AVCPacketType 1). */
    public boolean isAvcNalus() {
        return type == VIDEO && data.length > 5 && (data[0] & 0x0f) == 7 && data[1] == 1;
    }

    public boolean isKeyframe() {
        return type == VIDEO && data.length > 0 && (data[0] & 0xf0) == 0x10;
    }
}
