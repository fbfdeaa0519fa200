package io.aqueduct.rtmp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Writes chunk headers (RTMP specification 5.3.1). Messages always start with a type 0 header and go on with type 3
 * headers; a timestamp of 0xFFFFFF or more goes into the extended timestamp field, which is repeated after every
 * type 3 header of the message, as ffmpeg, librtmp and SRS expect.
 */
final class ChunkHeaders {

    static final int MAX_TIMESTAMP_FIELD = 0xFFFFFF;

    private ChunkHeaders() {
    }

    static boolean needsExtendedTimestamp(int timestamp) {
        return Integer.compareUnsigned(timestamp, MAX_TIMESTAMP_FIELD) >= 0;
    }

    static int basicHeaderSize(int csid) {
        return csid < 64 ? 1 : csid < 320 ? 2 : 3;
    }

    static int type0HeaderSize(int csid, int timestamp) {
        return basicHeaderSize(csid) + 11 + (needsExtendedTimestamp(timestamp) ? 4 : 0);
    }

    static int type3HeaderSize(int csid, int timestamp) {
        return basicHeaderSize(csid) + (needsExtendedTimestamp(timestamp) ? 4 : 0);
    }

    static void writeBasicHeader(ByteBuf out, int fmt, int csid) {
        if (csid < 2 || csid > ChunkStreams.MAX_ID) {
            throw new IllegalArgumentException("chunk stream id out of range: " + csid);
        }
        if (csid < 64) {
            out.writeByte(fmt << 6 | csid);
        } else if (csid < 320) {
            out.writeByte(fmt << 6);
            out.writeByte(csid - 64);
        } else {
            out.writeByte(fmt << 6 | 1);
            out.writeShortLE(csid - 64);
        }
    }

    static void writeType0Header(ByteBuf out, int csid, int timestamp, int length, int typeId, int streamId) {
        writeBasicHeader(out, 0, csid);
        boolean extended = needsExtendedTimestamp(timestamp);
        out.writeMedium(extended ? MAX_TIMESTAMP_FIELD : timestamp);
        out.writeMedium(length);
        out.writeByte(typeId);
        out.writeIntLE(streamId);
        if (extended) {
            out.writeInt(timestamp);
        }
    }

    static void writeType3Header(ByteBuf out, int csid, int timestamp) {
        writeBasicHeader(out, 3, csid);
        if (needsExtendedTimestamp(timestamp)) {
            out.writeInt(timestamp);
        }
    }

    /** The number of chunks a payload of {@code length} bytes takes (at least one, even when empty). */
    static int chunkCount(int length, int chunkSize) {
        return length == 0 ? 1 : (int) ((length + (long) chunkSize - 1) / chunkSize);
    }

    /** The whole chunked message: headers and a copy of the payload, in one buffer of the exact size. */
    static int chunkedSize(int csid, int timestamp, int length, int chunkSize) {
        return type0HeaderSize(csid, timestamp) + length
                + (chunkCount(length, chunkSize) - 1) * type3HeaderSize(csid, timestamp);
    }

    /** Writes a whole message, copying {@code payload} (read through its indexes, not consumed). */
    static void writeChunked(ByteBuf out, int csid, int timestamp, int typeId, int streamId, ByteBuf payload,
            int chunkSize) {
        int length = payload.readableBytes();
        writeType0Header(out, csid, timestamp, length, typeId, streamId);
        int index = payload.readerIndex();
        int end = index + length;
        while (true) {
            int n = Math.min(chunkSize, end - index);
            out.writeBytes(payload, index, n);
            index += n;
            if (index >= end) {
                return;
            }
            writeType3Header(out, csid, timestamp);
        }
    }
}
