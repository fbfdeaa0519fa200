package io.aqueduct.rtmp.client;

import io.aqueduct.stream.api.MediaMessage;

/**
 * Receives what a played stream delivers. Called on the connection's event loop, in order; must not block.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface RtmpPlayListener {

    /**
     * Audio, video, {@code METADATA} (an {@code onMetaData} data message, its AMF0 body {@code "onMetaData", map}
     * as bytes) or other script {@code DATA}. The listener owns the message and must release it.
     */
    void onMedia(MediaMessage message);

    /** An {@code onStatus} of the stream: {@code NetStream.Play.Start}, {@code NetStream.Play.UnpublishNotify}, ... */
    default void onStatus(String code, String description) {
    }

    /** The connection closed; nothing follows. */
    default void onClose() {
    }
}
