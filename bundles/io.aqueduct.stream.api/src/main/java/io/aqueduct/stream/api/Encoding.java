package io.aqueduct.stream.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One wire form of a media message (RTMP chunks at a chunk size, an FLV tag, ...). A protocol keeps one instance
 * per distinct form and passes it to {@link MediaMessage#encoded(Encoding, ByteBufAllocator)}, so the form is
 * computed once per message and shared by all players that use it. Instances are compared by identity.
 *
 * <p>Implementations must be thread-safe and must not keep the message.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Encoding {

    /**
     * Encodes a message. The returned buffer is owned by the message's cache from then on.
     *
     * @param message the message; its payload must not be consumed (read through indexes or a duplicate)
     * @param alloc   the allocator to use
     */
    ByteBuf encode(MediaMessage message, ByteBufAllocator alloc);
}
