package io.aqueduct.edge.ingest.internal;

import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/** FLV byte vectors for tests, written field by field as hex (FLV specification 10.1, annex E). */
final class FlvBytes {

    /** "FLV", version 1, flags audio+video (0x05), DataOffset 9, PreviousTagSize0 0. */
    static final String FILE_HEADER = "464c5601" + "05" + "00000009" + "00000000";
    /** An {@code onMetaData} script body: the name, then an empty ECMA array (count 0, object end). */
    static final String METADATA = amf0String("onMetaData") + "08" + "00000000" + "000009";
    /** An AVC key frame: frame type 1 + codec 7, NALU packet, composition time 0, one 4-byte-length NAL. */
    static final String KEYFRAME = "17" + "01" + "000000" + "0000000265";

    private FlvBytes() {
    }

    /** A tag: type, DataSize, Timestamp (low 24 bits), TimestampExtended, StreamID 0, body, PreviousTagSize. */
    static String tag(int type, int timestamp, String bodyHex) {
        int size = bodyHex.length() / 2;
        return String.format("%02x%06x%06x%02x000000", type, size, timestamp & 0xFFFFFF, timestamp >>> 24)
                + bodyHex + String.format("%08x", 11 + size);
    }

    /** An AMF0 string: marker 2, 16-bit length, bytes. */
    static String amf0String(String s) {
        return String.format("02%04x", s.length()) + ByteBufUtil.hexDump(s.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] bytes(String hex) {
        return ByteBufUtil.decodeHexDump(hex);
    }
}
