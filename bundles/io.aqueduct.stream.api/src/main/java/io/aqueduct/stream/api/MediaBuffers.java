package io.aqueduct.stream.api;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The allocator of every channel that carries media (servers' connections, upstream clients), so the wire forms
 * shared by players ({@link MediaMessage#encoded}, {@link MediaMessage#sharedRun}) come from it.
 *
 * <p>Netty's pooled allocator, not 4.2's default adaptive one: a player writes a retained duplicate of a shared
 * buffer, and only pooled buffers recycle their duplicates. With the adaptive allocator each such write allocated
 * an object; the concurrent collector rarely runs under this load, so the server's RSS grew with it (2000
 * HTTP-FLV players writing at once: 72 KB per player after a 20 s window; pooled: 41 KB, and no allocation left in
 * the steady state).
 *
 * @since 1.3
 */
public final class MediaBuffers {

    private MediaBuffers() {
    }

    /** The allocator to set as {@code ChannelOption.ALLOCATOR} on media channels. */
    public static ByteBufAllocator allocator() {
        return PooledByteBufAllocator.DEFAULT;
    }
}
