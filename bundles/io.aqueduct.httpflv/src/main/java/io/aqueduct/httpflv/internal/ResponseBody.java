package io.aqueduct.httpflv.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The endless body of one player's response, written past the HTTP encoder: a batch of buffers goes out as one
 * HTTP chunk (HTTP/1.1) or as it is (HTTP/1.0, whose body ends when the connection closes). The chunk header, with
 * the CRLF that ends the previous chunk in front, is the only per-player buffer a batch adds. A buffer framed by
 * {@link #frameStart}/{@link #frameEnd} is a complete chunk by itself, so players that share it write nothing of
 * their own. On the connection's event loop.
 */
final class ResponseBody {

    private static final short CRLF = ('\r' << 8) | '\n';
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The most a frame adds to its content: up to 8 hex digits and two CRLFs. */
    private static final int MAX_FRAMING = 8 + 2 + 2;

    private final ChannelHandlerContext codec;
    private final boolean chunked;
    private final List<ByteBuf> parts = new ArrayList<>();
    private int partsBytes;
    /** A chunk was written and the CRLF that ends it is still due. */
    private boolean chunkOpen;
    /** Something was written since the last flush. */
    private boolean written;

    /**
     * @param codec   the HTTP codec's context: written from there, the body passes no encoder
     * @param chunked whether the response is chunked (HTTP/1.1)
     */
    ResponseBody(ChannelHandlerContext codec, boolean chunked) {
        this.codec = codec;
        this.chunked = chunked;
    }

    boolean chunked() {
        return chunked;
    }

    /** Adds a buffer to the batch; this object owns it from now. */
    void add(ByteBuf part) {
        parts.add(part);
        partsBytes += part.readableBytes();
    }

    /** Writes the batch, as one chunk when chunked; nothing when it is empty. */
    void writeBatch() {
        if (parts.isEmpty()) {
            return;
        }
        if (chunked) {
            ByteBuf header = codec.alloc().directBuffer(MAX_FRAMING);
            if (chunkOpen) {
                header.writeShort(CRLF);
            }
            writeHex(header, partsBytes);
            header.writeShort(CRLF);
            codec.write(header, codec.voidPromise());
            chunkOpen = true;
        }
        for (int i = 0; i < parts.size(); i++) {
            codec.write(parts.get(i), codec.voidPromise());
        }
        parts.clear();
        partsBytes = 0;
        written = true;
    }

    /**
     * Writes a buffer framed by {@link #frameStart}/{@link #frameEnd}: the batch so far goes first, and a chunk left
     * open is closed, so the framed buffer is usually the window's only write. This object owns it from now.
     */
    void writeFramed(ByteBuf framed) {
        writeBatch();
        closeChunk();
        codec.write(framed, codec.voidPromise());
        written = true;
    }

    /** Writes the CRLF that ends the last chunk, when one is open (before the response's last chunk). */
    void closeChunk() {
        if (chunkOpen) {
            codec.write(codec.alloc().directBuffer(2).writeShort(CRLF), codec.voidPromise());
            chunkOpen = false;
            written = true;
        }
    }

    /** Flushes what was written since the last flush, if anything. */
    void flush() {
        if (written) {
            written = false;
            codec.flush();
        }
    }

    /** Releases a batch that was never written (a drain that failed part-way, or the connection closed). */
    void release() {
        parts.forEach(ByteBuf::release);
        parts.clear();
        partsBytes = 0;
    }

    /** The room a frame needs in front of and after {@code contentBytes} of content. */
    int framing() {
        return chunked ? MAX_FRAMING : 0;
    }

    /** Starts a frame of {@code contentBytes} in {@code out} (the chunk size line), when chunked. */
    void frameStart(ByteBuf out, int contentBytes) {
        if (chunked) {
            writeHex(out, contentBytes);
            out.writeShort(CRLF);
        }
    }

    /** Ends a frame started by {@link #frameStart}, when chunked. */
    void frameEnd(ByteBuf out) {
        if (chunked) {
            out.writeShort(CRLF);
        }
    }

    private static void writeHex(ByteBuf out, int value) {
        int digits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(value) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.writeByte(HEX[(value >>> shift) & 0xF]);
        }
    }
}
