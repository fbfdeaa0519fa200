package io.aqueduct.amf;

import io.netty.buffer.ByteBuf;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked primitive reads shared by the AMF0 and AMF3 readers. Every read first checks the readable bytes,
 * so a truncated buffer becomes an {@link AmfException} naming the field, never an IndexOutOfBoundsException.
 */
final class AmfInput {

    private AmfInput() {
    }

    /** Fails unless {@code n} more bytes can be read; {@code n} may come from the wire, so it is a long. */
    static void need(ByteBuf in, long n, String what) throws AmfException {
        if (n > in.readableBytes()) {
            throw new AmfException("truncated " + what + ": needs " + n + " bytes, " + in.readableBytes()
                    + " left", in.readerIndex());
        }
    }

    static int u8(ByteBuf in, String what) throws AmfException {
        need(in, 1, what);
        return in.readUnsignedByte();
    }

    static int u16(ByteBuf in, String what) throws AmfException {
        need(in, 2, what);
        return in.readUnsignedShort();
    }

    static long u32(ByteBuf in, String what) throws AmfException {
        need(in, 4, what);
        return in.readUnsignedInt();
    }

    static double f64(ByteBuf in, String what) throws AmfException {
        need(in, 8, what);
        return in.readDouble();
    }

    /**
     * Reads {@code length} bytes as strict UTF-8: malformed sequences, overlong forms and encoded surrogates
     * fail instead of being replaced, so a peer cannot smuggle bytes past name comparisons.
     */
    static String utf8(ByteBuf in, long length, String what) throws AmfException {
        need(in, length, what);
        int start = in.readerIndex();
        int len = (int) length;
        String s;
        if (in.forEachByte(start, len, b -> b >= 0) == -1) {
            s = in.toString(start, len, StandardCharsets.US_ASCII);
        } else {
            try {
                s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(in.nioBuffer(start, len))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new AmfException("invalid UTF-8 in " + what, start);
            }
        }
        in.skipBytes(len);
        return s;
    }

    /** AMF3 variable-length unsigned 29-bit integer: 7 bits per byte for three bytes, then 8 bits. */
    static int u29(ByteBuf in, String what) throws AmfException {
        int result = 0;
        for (int i = 0; i < 3; i++) {
            int b = u8(in, what);
            if ((b & 0x80) == 0) {
                return (result << 7) | b;
            }
            result = (result << 7) | (b & 0x7F);
        }
        return (result << 8) | u8(in, what);
    }

    /** Validates a nesting limit given to a reader's constructor. */
    static int checkMaxDepth(int maxDepth) {
        if (maxDepth < 0 || maxDepth > Amf0Reader.MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be within 0.." + Amf0Reader.MAX_DEPTH_LIMIT
                    + ": " + maxDepth);
        }
        return maxDepth;
    }
}
