package io.aqueduct.rtmp.codec;

import io.aqueduct.stream.api.MediaMessage;
import io.netty.util.ReferenceCounted;
import java.util.Objects;

/**
 * An audio (type 8) or video (type 9) message on a message stream, or an outgoing script message (type 18) whose
 * AMF0 body is already encoded ({@link io.aqueduct.stream.api.MessageType#METADATA} or {@code DATA}).
 *
 * <p>Reference counting is delegated to the {@link MediaMessage}: whoever holds the packet holds one reference to
 * the media message. Writing the packet to a channel hands that reference to the channel.
 */
public record MediaPacket(int streamId, MediaMessage media) implements RtmpMessage, ReferenceCounted {

    public MediaPacket {
        Objects.requireNonNull(media, "media");
    }

    @Override
    public int timestamp() {
        return media.timestamp();
    }

    @Override
    public int refCnt() {
        return media.refCnt();
    }

    @Override
    public MediaPacket retain() {
        media.retain();
        return this;
    }

    @Override
    public MediaPacket retain(int increment) {
        media.retain(increment);
        return this;
    }

    @Override
    public MediaPacket touch() {
        media.touch();
        return this;
    }

    @Override
    public MediaPacket touch(Object hint) {
        media.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return media.release();
    }

    @Override
    public boolean release(int decrement) {
        return media.release(decrement);
    }
}
