package io.aqueduct.bench.load;

import io.aqueduct.bench.flv.SeiStamp;
import io.netty.buffer.ByteBuf;

/**
 * Walks an FLV byte stream (file header, then tag header, body, previous tag size, ...) without copying tag bodies:
 * only the first bytes of each video tag are kept and handed to the {@link Player}. Used on one event loop.
 */
final class FlvBodyScanner {

    private static final int FILE_HEADER = 13;
    private static final int TAG_HEADER = 11;
    private static final int PREVIOUS_TAG_SIZE = 4;
    private static final int VIDEO = 9;

    private enum State { FILE_HEADER, TAG_HEADER, TAG_BODY, PREVIOUS_TAG_SIZE }

    private final Player player;
    private final byte[] tagHeader = new byte[TAG_HEADER];
    private final byte[] peek = new byte[SeiStamp.PEEK_BYTES];
    private State state = State.FILE_HEADER;
    private int have;
    private int bodyLength;
    private int tagType;

    FlvBodyScanner(Player player) {
        this.player = player;
    }

    /** Consumes {@code length} bytes of {@code in}. */
    void feed(ByteBuf in, int length) {
        int end = in.readerIndex() + length;
        while (in.readerIndex() < end) {
            int available = end - in.readerIndex();
            switch (state) {
                case FILE_HEADER -> skip(in, available, FILE_HEADER, State.TAG_HEADER);
                case PREVIOUS_TAG_SIZE -> skip(in, available, PREVIOUS_TAG_SIZE, State.TAG_HEADER);
                case TAG_HEADER -> {
                    int n = Math.min(TAG_HEADER - have, available);
                    in.readBytes(tagHeader, have, n);
                    have += n;
                    if (have == TAG_HEADER) {
                        tagType = tagHeader[0] & 0x1f;
                        bodyLength = (tagHeader[1] & 0xff) << 16 | (tagHeader[2] & 0xff) << 8 | (tagHeader[3] & 0xff);
                        have = 0;
                        state = State.TAG_BODY;
                        if (bodyLength == 0) {
                            endTag();
                        }
                    }
                }
                case TAG_BODY -> {
                    int n = Math.min(bodyLength - have, available);
                    if (tagType == VIDEO && have < peek.length) {
                        in.getBytes(in.readerIndex(), peek, have, Math.min(n, peek.length - have));
                    }
                    in.skipBytes(n);
                    have += n;
                    if (have == bodyLength) {
                        endTag();
                    }
                }
            }
        }
    }

    private void skip(ByteBuf in, int available, int size, State next) {
        int n = Math.min(size - have, available);
        in.skipBytes(n);
        have += n;
        if (have == size) {
            have = 0;
            state = next;
        }
    }

    private void endTag() {
        if (tagType == VIDEO) {
            player.video(peek, Math.min(bodyLength, peek.length));
        }
        have = 0;
        state = State.PREVIOUS_TAG_SIZE;
    }
}
