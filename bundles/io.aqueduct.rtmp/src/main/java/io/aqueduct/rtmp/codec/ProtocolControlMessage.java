package io.aqueduct.rtmp.codec;

/**
 * A protocol control or user control message: always on message stream 0 and chunk stream 2, timestamp 0.
 */
public interface ProtocolControlMessage extends RtmpMessage {

    @Override
    default int streamId() {
        return 0;
    }

    @Override
    default int timestamp() {
        return 0;
    }
}
