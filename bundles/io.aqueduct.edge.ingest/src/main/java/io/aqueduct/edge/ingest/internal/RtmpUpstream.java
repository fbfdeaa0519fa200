package io.aqueduct.edge.ingest.internal;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpPlayListener;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.transport.ServerAddress;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Plays the stream at an RTMP origin. The connection outlives an unpublish at the origin: the origin tells of it with
 * UnpublishNotify and, on a republish, PublishNotify followed by the new media on the same connection.
 */
final class RtmpUpstream implements Upstream {

    static final String UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";
    static final String PUBLISH_NOTIFY = "NetStream.Play.PublishNotify";

    private final EventLoop loop;
    private final RtmpUrl url;
    private final RtmpClientOptions options;
    private final UpstreamEvents events;
    private RtmpClientSession session;
    private boolean closed;

    RtmpUpstream(EventLoop loop, ServerAddress origin, String app, String streamName, int connectTimeoutMillis,
            UpstreamEvents events) {
        this.loop = loop;
        this.url = new RtmpUrl(origin.host(), origin.port(), app, streamName);
        RtmpClientOptions d = RtmpClientOptions.DEFAULTS;
        this.options = new RtmpClientOptions(Duration.ofMillis(connectTimeoutMillis), d.responseTimeout(),
                d.chunkSize(), d.windowAckSize(), d.flashVersion(), d.maxMessageSize());
        this.events = events;
    }

    @Override
    public CompletableFuture<Void> open() {
        return RtmpClient.connect(loop, NioSocketChannel.class, url, options).thenCompose(s -> {
            // Completes on the connection's event loop, which is the session's.
            if (closed) {
                s.close();
                throw new CancellationException("upstream no longer wanted");
            }
            session = s;
            s.closeFuture().thenRun(() -> loop.execute(() -> {
                if (!closed) {
                    events.closed("origin closed the connection");
                }
            }));
            return s.play(url.streamName(), new Listener());
        });
    }

    @Override
    public boolean waitsForRepublish() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public String target() {
        return url.toString();
    }

    /** The played stream, on the loop; nothing passes once the session closed this upstream. */
    private final class Listener implements RtmpPlayListener {

        @Override
        public void onMedia(MediaMessage message) {
            if (closed) {
                message.release();
                return;
            }
            events.media(message);
        }

        @Override
        public void onStatus(String code, String description) {
            if (closed) {
                return;
            }
            if (UNPUBLISH_NOTIFY.equals(code)) {
                events.unpublished();
            } else if (PUBLISH_NOTIFY.equals(code)) {
                events.republished();
            }
        }
    }
}
