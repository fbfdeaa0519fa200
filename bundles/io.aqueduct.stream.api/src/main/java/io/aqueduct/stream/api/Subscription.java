package io.aqueduct.stream.api;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One player's place in a stream: the {@link StreamItem}s it has not read yet, appended by the publisher's thread
 * and read by the player's thread.
 *
 * <p>What a player may have unread is bounded by the vhost's {@code queue_length} (seconds of media) and by a
 * message count. A player that falls behind loses whole GOPs: it moves to a later key frame, and
 * {@link StreamEvent#SKIPPED} marks the gap, followed by the metadata and sequence headers. The publisher and other
 * players never wait for it.
 *
 * <p>{@link #poll()} and {@link #close()} must be called by one thread at a time: the player's own (its event loop).
 */
@ProviderType
public interface Subscription extends AutoCloseable {

    StreamKey key();

    /**
     * The next item, or {@code null} when the queue is empty; after {@code null}
     * {@link StreamSubscriber#itemsAvailable()} is called again when items arrive. The caller owns the reference
     * of a returned {@link MediaMessage}.
     */
    StreamItem poll();

    /**
     * The next media messages as one buffer, shared by the players that read the stream from the same position and
     * write it alike: up to {@code maxMessages} media messages of the stream, encoded by the first of those players
     * ({@code encoder}) and kept with the run's last message. A player in step with the others touches no message.
     *
     * <p>Returns {@code null} (read with {@link #poll()} then) when the next item is not such a message (an event,
     * the start of the stream or the headers after a skip, items a {@code poll} left unread), when fewer than two
     * messages are there, or when {@code encoder} returns {@code null} (the messages are then {@code poll}ed).
     * Like {@link #poll()}, called by the player's thread.
     *
     * @param format what shapes the bytes besides the messages and the base, compared with {@code equals}
     * @param base   the player's timestamp base
     * @return a new reference to the run's bytes, the player now past its messages; or {@code null}
     * @since 1.3
     */
    ByteBuf pollRun(Object format, int base, int maxMessages, RunEncoder encoder);

    /** Whether the stream has a publisher now. */
    boolean isPublished();

    /** Media messages this player lost by falling behind. */
    long droppedMessages();

    /**
     * Leaves the stream and releases what is queued. Idempotent. Call it from the thread that polls (it drains the
     * queue), like {@link #poll()}.
     */
    @Override
    void close();
}
