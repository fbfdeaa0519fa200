package io.aqueduct.rtmp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Test byte vectors written as hex with spaces and {@code //} comments. */
public final class Hex {

    private Hex() {
    }

    /** Parses hex lines; everything after {@code //} on a line is a comment. */
    public static ByteBuf buf(String... lines) {
        StringBuilder hex = new StringBuilder();
        for (String line : lines) {
            int comment = line.indexOf("//");
            hex.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s", ""));
        }
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
    }

    /** {@code n} bytes counting up from {@code first} (mod 256). */
    public static byte[] pattern(int n, int first) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    /** The readable bytes as hex, without consuming them. */
    public static String of(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }
}
