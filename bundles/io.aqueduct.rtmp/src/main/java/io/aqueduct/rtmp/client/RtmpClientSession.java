package io.aqueduct.rtmp.client;

import io.aqueduct.stream.api.MediaMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A connected RTMP client ({@code connect} answered with success). It publishes or plays one stream. It answers
 * ping requests and sends acknowledgements by itself. Thread-safe: every method may be called from any thread.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RtmpClientSession {

    /** The URL this session connected to. */
    RtmpUrl url();

    /**
     * Publishes {@code streamName} (releaseStream, FCPublish, createStream, publish "live").
     *
     * @return completes on {@code NetStream.Publish.Start}; fails with {@link RtmpStatusException} on a refusal
     *         (such as {@code NetStream.Publish.BadName}), or on timeout or disconnection
     */
    CompletableFuture<Void> publish(String streamName);

    /**
     * Sends one message of the published stream, taking ownership of it. Flushed by the end of the connection's
     * current event-loop turn (flushes of one turn are merged). Released without being sent when the session does
     * not publish (yet) or is closed.
     */
    void send(MediaMessage message);

    /**
     * Whether the connection takes more now: false once more than the options' {@code sendBufferLimit} bytes wait
     * to be written (the server reads slower than messages come), true again when a quarter of it is left. The
     * check is made as messages are sent, so the limit can be passed by one message.
     * {@link #send} still accepts messages meanwhile; a caller relaying a live stream stops taking from its source
     * instead, so that the source's bounded queue drops for this slow peer and nothing grows without bound.
     *
     * @since 1.1
     */
    boolean isWritable();

    /**
     * Runs {@code task} on the connection's event loop each time the connection becomes writable again. Replaces
     * the task set before.
     *
     * @since 1.1
     */
    void onWritable(Runnable task);

    /**
     * Bytes that {@link #send} accepted and the socket has not taken yet, with chunk headers and the session's own
     * commands.
     *
     * @since 1.1
     */
    long queuedBytes();

    /**
     * Plays {@code streamName} (createStream, play, Set Buffer Length).
     *
     * @return completes on {@code NetStream.Play.Start}; fails with {@link RtmpStatusException} on a refusal
     *         (such as {@code NetStream.Play.StreamNotFound}), or on timeout or disconnection
     */
    CompletableFuture<Void> play(String streamName, RtmpPlayListener listener);

    /**
     * Says goodbye (FCUnpublish and deleteStream when publishing) and closes the connection; without the goodbye
     * when the connection is not writable (the server would not take it in time), and at the latest after the
     * response timeout.
     */
    CompletableFuture<Void> close();

    /** Completes when the connection is closed, whoever closed it. */
    CompletableFuture<Void> closeFuture();
}
