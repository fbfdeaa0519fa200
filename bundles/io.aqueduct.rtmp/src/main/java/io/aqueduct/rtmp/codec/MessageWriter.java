package io.aqueduct.rtmp.codec;

import io.netty.buffer.ByteBuf;

/** Writes the body of a non-media {@link RtmpMessage} and tells its message type id. */
final class MessageWriter {

    private MessageWriter() {
    }

    /** Appends the body of {@code msg} to {@code body} and returns the message type id. */
    static int write(RtmpMessage msg, ByteBuf body) {
        if (msg instanceof CommandMessage command) {
            AmfBodies.writeCommand(body, command);
            return MessageTypeIds.COMMAND_AMF0;
        }
        if (msg instanceof DataMessage data) {
            AmfBodies.writeData(body, data);
            return MessageTypeIds.DATA_AMF0;
        }
        if (msg instanceof SetChunkSize m) {
            body.writeInt(m.chunkSize());
            return MessageTypeIds.SET_CHUNK_SIZE;
        }
        if (msg instanceof Abort m) {
            body.writeInt(m.chunkStreamId());
            return MessageTypeIds.ABORT;
        }
        if (msg instanceof Acknowledgement m) {
            body.writeInt((int) m.sequenceNumber());
            return MessageTypeIds.ACKNOWLEDGEMENT;
        }
        if (msg instanceof WindowAcknowledgementSize m) {
            body.writeInt((int) m.windowSize());
            return MessageTypeIds.WINDOW_ACKNOWLEDGEMENT_SIZE;
        }
        if (msg instanceof SetPeerBandwidth m) {
            body.writeInt((int) m.windowSize());
            body.writeByte(m.limitType());
            return MessageTypeIds.SET_PEER_BANDWIDTH;
        }
        if (msg instanceof UserControl m) {
            body.writeShort(m.event().code());
            body.writeInt((int) m.value());
            if (m.event() == UserControlEvent.SET_BUFFER_LENGTH) {
                body.writeInt((int) m.value2());
            }
            return MessageTypeIds.USER_CONTROL;
        }
        throw new IllegalArgumentException("cannot encode " + msg.getClass().getName());
    }
}
