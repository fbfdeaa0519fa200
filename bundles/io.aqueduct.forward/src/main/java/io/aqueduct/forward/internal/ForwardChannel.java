package io.aqueduct.forward.internal;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The socket channel of forward connections. {@code RtmpClient} builds its channel through Bootstrap's reflective
 * factory, which calls this no-argument constructor synchronously in the thread that calls {@code connect}. A
 * {@link ForwardSession} sets a hook around that call to reach its channel before registration, so it can add flush
 * consolidation and follow writability, which the client API does not expose.
 */
public final class ForwardChannel extends NioSocketChannel {

    /** Set only for the duration of one {@link #creating} call, on the calling thread. */
    private static final ThreadLocal<Consumer<Channel>> ON_CREATE = new ThreadLocal<>();

    public ForwardChannel() {
        Consumer<Channel> hook = ON_CREATE.get();
        if (hook != null) {
            ON_CREATE.remove();
            hook.accept(this);
        }
    }

    /** Runs {@code connect}; the channel it creates in this thread is handed to {@code hook} first. */
    static <T> T creating(Consumer<Channel> hook, Supplier<T> connect) {
        ON_CREATE.set(hook);
        try {
            return connect.get();
        } finally {
            ON_CREATE.remove();
        }
    }
}
