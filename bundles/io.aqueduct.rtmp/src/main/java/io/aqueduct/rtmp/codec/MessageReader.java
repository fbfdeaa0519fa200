package io.aqueduct.rtmp.codec;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a reassembled message body into its typed {@link RtmpMessage}. */
final class MessageReader {

    private static final Logger LOG = LoggerFactory.getLogger(MessageReader.class);

    /** FLV tag header (11 bytes) and previous tag size (4 bytes) around each sub-message of an aggregate. */
    private static final int AGGREGATE_TAG_HEADER = 11;
    private static final int AGGREGATE_TAG_TRAILER = 4;

    private MessageReader() {
    }

    /**
     * Decodes one message and adds it (or, for an aggregate, its sub-messages) to {@code out}.
     *
     * @param body the message body, owned by this method from now on
     */
    static void read(ByteBufAllocator alloc, int typeId, int streamId, int timestamp, ByteBuf body, List<Object> out) {
        boolean ownershipPassed = false;
        try {
            switch (typeId) {
                case MessageTypeIds.AUDIO, MessageTypeIds.VIDEO -> {
                    MessageType type = typeId == MessageTypeIds.AUDIO ? MessageType.AUDIO : MessageType.VIDEO;
                    out.add(new MediaPacket(streamId, MediaMessage.of(type, timestamp, body)));
                    ownershipPassed = true;
                }
                case MessageTypeIds.AGGREGATE -> readAggregate(alloc, streamId, timestamp, body, out);
                case MessageTypeIds.COMMAND_AMF0, MessageTypeIds.COMMAND_AMF3, MessageTypeIds.DATA_AMF0,
                        MessageTypeIds.DATA_AMF3 -> out.add(AmfBodies.read(typeId, streamId, timestamp, body));
                default -> {
                    RtmpMessage control = readControl(typeId, body);
                    if (control != null) {
                        out.add(control);
                    }
                }
            }
        } finally {
            if (!ownershipPassed) {
                body.release();
            }
        }
    }

    private static RtmpMessage readControl(int typeId, ByteBuf body) {
        switch (typeId) {
            case MessageTypeIds.SET_CHUNK_SIZE -> {
                int size = readInt(body, "Set Chunk Size") & 0x7FFFFFFF;
                if (size < 1) {
                    throw new RtmpProtocolException("invalid chunk size 0");
                }
                return new SetChunkSize(size);
            }
            case MessageTypeIds.ABORT -> {
                return new Abort(readInt(body, "Abort"));
            }
            case MessageTypeIds.ACKNOWLEDGEMENT -> {
                return new Acknowledgement(readInt(body, "Acknowledgement") & 0xFFFFFFFFL);
            }
            case MessageTypeIds.WINDOW_ACKNOWLEDGEMENT_SIZE -> {
                return new WindowAcknowledgementSize(readInt(body, "Window Acknowledgement Size") & 0xFFFFFFFFL);
            }
            case MessageTypeIds.SET_PEER_BANDWIDTH -> {
                long window = readInt(body, "Set Peer Bandwidth") & 0xFFFFFFFFL;
                // Some encoders leave out the limit type; treat it as dynamic.
                int limitType = body.isReadable() ? body.readUnsignedByte() : SetPeerBandwidth.DYNAMIC;
                return new SetPeerBandwidth(window, limitType);
            }
            case MessageTypeIds.USER_CONTROL -> {
                return readUserControl(body);
            }
            default -> {
                LOG.debug("Dropped an RTMP message of unsupported type {} ({} bytes)", typeId, body.readableBytes());
                return null;
            }
        }
    }

    private static UserControl readUserControl(ByteBuf body) {
        if (body.readableBytes() < 2) {
            throw new RtmpProtocolException("User Control message of " + body.readableBytes() + " bytes");
        }
        int code = body.readUnsignedShort();
        UserControlEvent event = UserControlEvent.of(code);
        if (event == null) {
            LOG.debug("Dropped a User Control message of unknown event type {}", code);
            return null;
        }
        long value = body.readableBytes() >= 4 ? body.readUnsignedInt() : 0;
        long value2 = event == UserControlEvent.SET_BUFFER_LENGTH && body.readableBytes() >= 4
                ? body.readUnsignedInt() : 0;
        return new UserControl(event, value, value2);
    }

    private static int readInt(ByteBuf body, String what) {
        if (body.readableBytes() < 4) {
            throw new RtmpProtocolException(what + " message of " + body.readableBytes() + " bytes");
        }
        return body.readInt();
    }

    /**
     * An aggregate message carries FLV tags; the first tag's timestamp maps to the aggregate's, the others keep
     * their distance to it (as FMS and ffmpeg read them). The message stream id is the aggregate's.
     */
    private static void readAggregate(ByteBufAllocator alloc, int streamId, int timestamp, ByteBuf body,
            List<Object> out) {
        boolean first = true;
        int firstTimestamp = 0;
        while (body.readableBytes() >= AGGREGATE_TAG_HEADER) {
            int typeId = body.readUnsignedByte();
            int size = body.readUnsignedMedium();
            int tagTimestamp = body.readUnsignedMedium() | body.readUnsignedByte() << 24;
            body.skipBytes(3);
            if (body.readableBytes() < size) {
                throw new RtmpProtocolException("aggregate sub-message of " + size + " bytes with only "
                        + body.readableBytes() + " left");
            }
            if (first) {
                firstTimestamp = tagTimestamp;
                first = false;
            }
            ByteBuf subBody = body.readRetainedSlice(size);
            read(alloc, typeId, streamId, timestamp + (tagTimestamp - firstTimestamp), subBody, out);
            body.skipBytes(Math.min(AGGREGATE_TAG_TRAILER, body.readableBytes()));
        }
    }
}
