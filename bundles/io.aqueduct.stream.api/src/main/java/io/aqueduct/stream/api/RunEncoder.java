package io.aqueduct.stream.api;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How a player writes a run of media messages as one buffer, for {@link Subscription#pollRun}.
 *
 * @since 1.3
 */
@ConsumerType
public interface RunEncoder {

    /**
     * The run's bytes as this player writes them, in one buffer, or {@code null} when this player cannot share
     * them (it then reads the messages one by one from {@link Subscription#poll()}).
     *
     * @param run the messages in order, at least two; still owned by the caller
     * @return a buffer the caller owns from then on, or {@code null}
     */
    ByteBuf encodeRun(List<MediaMessage> run);

    /**
     * Called when {@link Subscription#pollRun} hands out a run, for the player's counters.
     *
     * @param messages     the run's messages
     * @param payloadBytes the sum of their payload sizes
     */
    default void runTaken(int messages, long payloadBytes) {
    }
}
