package io.aqueduct.stream.api;

import io.netty.buffer.ByteBuf;

/**
 * Reads the codec fields of FLV audio and video tag bodies, legacy and Enhanced RTMP (extended header with a
 * FourCC). See the FLV specification 10.1, annex E, and the Enhanced RTMP specification (veovera), v1.
 */
public final class MediaCodecs {

    private MediaCodecs() {
    }

    /** Enhanced RTMP: bit 7 of the first video byte announces the extended header. */
    public static boolean isExtendedVideo(ByteBuf body) {
        return body.readableBytes() > 0 && (body.getByte(body.readerIndex()) & 0x80) != 0;
    }

    /** FLV frame type 1 (key frame), legacy or extended header. */
    public static boolean isVideoKeyframe(ByteBuf body) {
        if (body.readableBytes() < 1) {
            return false;
        }
        int b = body.getUnsignedByte(body.readerIndex());
        return ((b >> 4) & 0x07) == 1;
    }

    /**
     * A decoder configuration record: legacy AVC/HEVC packet type 0, or the extended header's SequenceStart (0).
     */
    public static boolean isVideoSequenceHeader(ByteBuf body) {
        if (body.readableBytes() < 2) {
            return false;
        }
        int b = body.getUnsignedByte(body.readerIndex());
        if ((b & 0x80) != 0) {
            return (b & 0x0f) == 0;
        }
        int codec = b & 0x0f;
        return (codec == 7 || codec == 12) && body.getByte(body.readerIndex() + 1) == 0;
    }

    /** An AAC AudioSpecificConfig (sound format 10, AAC packet type 0). */
    public static boolean isAudioSequenceHeader(ByteBuf body) {
        if (body.readableBytes() < 2) {
            return false;
        }
        int b = body.getUnsignedByte(body.readerIndex());
        return (b >> 4) == 10 && body.getByte(body.readerIndex() + 1) == 0;
    }

    /** A short name of the video codec: {@code H264}, {@code HEVC}, {@code AV1}, {@code VP9}, ... */
    public static String videoCodec(ByteBuf body) {
        if (body.readableBytes() < 1) {
            return "?";
        }
        int b = body.getUnsignedByte(body.readerIndex());
        if ((b & 0x80) != 0) {
            if (body.readableBytes() < 5) {
                return "?";
            }
            String fourcc = body.toString(body.readerIndex() + 1, 4, java.nio.charset.StandardCharsets.US_ASCII);
            return switch (fourcc) {
                case "avc1" -> "H264";
                case "hvc1" -> "HEVC";
                case "av01" -> "AV1";
                case "vp09" -> "VP9";
                default -> fourcc;
            };
        }
        return switch (b & 0x0f) {
            case 2 -> "H263";
            case 3 -> "SCREEN";
            case 4 -> "VP6";
            case 5 -> "VP6A";
            case 6 -> "SCREEN2";
            case 7 -> "H264";
            case 12 -> "HEVC";
            case 13 -> "AV1";
            default -> "video" + (b & 0x0f);
        };
    }

    /** A short name of the audio codec: {@code AAC}, {@code MP3}, {@code OPUS}, ... */
    public static String audioCodec(ByteBuf body) {
        if (body.readableBytes() < 1) {
            return "?";
        }
        int format = body.getUnsignedByte(body.readerIndex()) >> 4;
        return switch (format) {
            case 2, 14 -> "MP3";
            case 10 -> "AAC";
            case 11 -> "SPEEX";
            case 13 -> "OPUS";
            case 7 -> "G711A";
            case 8 -> "G711U";
            case 0, 3 -> "PCM";
            case 1 -> "ADPCM";
            case 4, 5, 6 -> "NELLYMOSER";
            default -> "audio" + format;
        };
    }
}
