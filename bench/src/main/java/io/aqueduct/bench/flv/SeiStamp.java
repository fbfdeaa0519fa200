package io.aqueduct.bench.flv;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The wall-clock stamp the publisher puts into each H.264 frame for the latency probe: an SEI NAL unit (type 6)
 * holding one {@code user_data_unregistered} message (payload type 5, ITU-T H.264 D.1.6) with a fixed 16-byte UUID
 * and the send time in epoch microseconds (8 bytes, big-endian). It is inserted as an extra length-prefixed NAL
 * unit at the start of an AVC sample (FLV AVCPacketType 1); decoders ignore unregistered user data, and every
 * relay that forwards payloads unchanged keeps it, so latency is measured end to end through any number of hops.
 *
 * <p>Emulation prevention bytes are inserted (and removed when reading) as the H.264 byte rules require. Stateless.
 */
public final class SeiStamp {

    /** 16 ASCII bytes: a UUID that no encoder uses. */
    static final byte[] UUID = "AqueductLatency1".getBytes(StandardCharsets.US_ASCII);
    /** FLV video header (frame type/codec, AVCPacketType, composition time) before the first NAL length. */
    public static final int FLV_AVC_HEADER = 5;
    /** How many leading bytes of a video tag body {@link #read} needs (escaping may add up to 4). */
    public static final int PEEK_BYTES = FLV_AVC_HEADER + 4 + 1 + 2 + 24 + 8;

    private static final int NAL_SEI = 6;
    private static final int PAYLOAD_USER_DATA_UNREGISTERED = 5;
    private static final int PAYLOAD_SIZE = 24;

    private SeiStamp() {
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /**
     * The tag body {@code avcTag} (AVCPacketType 1, 4-byte NAL lengths) with an SEI stamp of {@code micros} inserted
     * before its first NAL unit.
     */
    public static byte[] stamp(byte[] avcTag, long micros) {
        byte[] rbsp = new byte[2 + PAYLOAD_SIZE + 1];
        rbsp[0] = PAYLOAD_USER_DATA_UNREGISTERED;
        rbsp[1] = PAYLOAD_SIZE;
        System.arraycopy(UUID, 0, rbsp, 2, UUID.length);
        for (int i = 0; i < 8; i++) {
            rbsp[2 + UUID.length + i] = (byte) (micros >>> (56 - 8 * i));
        }
        rbsp[rbsp.length - 1] = (byte) 0x80; // rbsp_trailing_bits
        byte[] escaped = escape(rbsp);
        int nalLength = 1 + escaped.length;
        byte[] out = new byte[avcTag.length + 4 + nalLength];
        System.arraycopy(avcTag, 0, out, 0, FLV_AVC_HEADER);
        int p = FLV_AVC_HEADER;
        out[p++] = (byte) (nalLength >>> 24);
        out[p++] = (byte) (nalLength >>> 16);
        out[p++] = (byte) (nalLength >>> 8);
        out[p++] = (byte) nalLength;
        out[p++] = NAL_SEI;
        System.arraycopy(escaped, 0, out, p, escaped.length);
        p += escaped.length;
        System.arraycopy(avcTag, FLV_AVC_HEADER, out, p, avcTag.length - FLV_AVC_HEADER);
        return out;
    }

    /**
     * Reads the stamp from the first {@code length} bytes of a video tag body.
     *
     * @return epoch microseconds, or -1 when the body does not start with our SEI unit
     */
    public static long read(byte[] peek, int length) {
        if (length < FLV_AVC_HEADER + 4 + 3 || (peek[0] & 0x0f) != 7 || peek[1] != 1) {
            return -1;
        }
        int p = FLV_AVC_HEADER + 4;
        if ((peek[p] & 0x1f) != NAL_SEI || peek[p + 1] != PAYLOAD_USER_DATA_UNREGISTERED
                || peek[p + 2] != PAYLOAD_SIZE) {
            return -1;
        }
        p += 3;
        // Unescape the 24 payload bytes: drop every 0x03 that follows two zeros.
        byte[] payload = new byte[PAYLOAD_SIZE];
        int n = 0;
        int zeros = 0;
        while (n < PAYLOAD_SIZE && p < length) {
            byte b = peek[p++];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            payload[n++] = b;
        }
        if (n < PAYLOAD_SIZE) {
            return -1;
        }
        for (int i = 0; i < UUID.length; i++) {
            if (payload[i] != UUID[i]) {
                return -1;
            }
        }
        long micros = 0;
        for (int i = 0; i < 8; i++) {
            micros = micros << 8 | (payload[UUID.length + i] & 0xff);
        }
        return micros;
    }

    /** Inserts emulation prevention bytes: 00 00 0x (x at most 3) becomes 00 00 03 0x. */
    static byte[] escape(byte[] rbsp) {
        byte[] out = new byte[rbsp.length * 3 / 2 + 1];
        int n = 0;
        int zeros = 0;
        for (byte b : rbsp) {
            if (zeros >= 2 && (b & 0xff) <= 3) {
                out[n++] = 3;
                zeros = 0;
            }
            out[n++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        byte[] exact = new byte[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }
}
