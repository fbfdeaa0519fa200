package io.aqueduct.httpflv.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.Encoding;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.RunEncoder;
import io.aqueduct.stream.api.RunKey;
import io.aqueduct.stream.api.StreamEvent;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamItem;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamSubscriber;
import io.aqueduct.stream.api.Subscription;
import io.aqueduct.stream.api.VhostSettings;
import io.aqueduct.stream.api.WriteWindows;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one stream to one HTTP connection as an endless FLV body: the FLV header, then metadata, sequence
 * headers, the GOP cache and live tags, until the client leaves or the publisher does.
 *
 * <p>Everything but {@link #itemsAvailable()}, {@link #close(String)} and the getters runs on the connection's event
 * loop. The queue is drained while the socket is writable, a batch of tags is written as one HTTP chunk, then
 * flushed once; a slow client stops draining, its queue fills and the registry drops whole GOPs for it. Tags are
 * the shared {@link FlvTagEncoding} form; only when rebasing changes a timestamp is an 11-byte header written per
 * player in front of the shared bytes after the shared header. When 64 or more players have this one's timestamp
 * base ({@link TimestampBases}), a window's tags are one run shared by those in step.
 *
 * <p>A play request for a stream with no publisher waits up to {@code play_wait_ms} for one (the subscription
 * itself makes an edge pull the stream from its origin) and answers 404 when none comes.
 */
final class FlvPlayer implements StreamSubscriber, ClientSession, RunEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(FlvPlayer.class);
    /** Messages per HTTP chunk: bounds the buffers of one write. */
    private static final int BATCH_MESSAGES = 256;

    enum State { WAITING, STREAMING, ENDED }

    private final ChannelHandlerContext ctx;
    private final HttpServer server;
    private final StreamKey key;
    private final HttpVersion version;
    private final String id;
    private final Instant connectedAt = Instant.now();
    private final Runnable drainTask = this::drain;
    /** Where this player is drained when items arrive: looked up once, the stream wakes players often. */
    private final WriteWindows.Window window;
    /** HTTP/1.1 streams in chunks; an HTTP/1.0 body ends when the connection closes. */
    private final ResponseBody body;
    /** Media drained in a row, added to the batch together by {@link #appendRun}. */
    private final List<MediaMessage> run = new ArrayList<>();
    /** Looks up shared runs; the format part is the framing (chunked or not). */
    private final RunKey runKey = new RunKey();
    private final Encoding runEncoder = (last, alloc) -> encode(run, alloc);
    private Subscription subscription;
    private ScheduledFuture<?> waitTimeout;
    private AutoCloseable registration;
    private volatile State state = State.WAITING;
    private volatile long bytesOut;
    private volatile Instant playingSince;
    private boolean flvHeaderWritten;
    private boolean haveBase;
    private int base;
    /** The players of this one's base ({@link TimestampBases}), once it has one. */
    private AtomicInteger basePlayers;
    /** Shared runs written (read by tests). */
    private volatile long sharedRuns;
    /**
     * {@code time_jitter off}: the stream's timestamps unchanged, as SRS gives them then, rather than from 0 at the
     * player's first frame. All players then share one timestamp base, so one run per window serves them all,
     * however many GOPs they joined in.
     */
    private final boolean streamTimeline;

    FlvPlayer(ChannelHandlerContext ctx, HttpServer server, StreamKey key, HttpVersion version,
            int mergedWriteMillis) {
        this.ctx = ctx;
        this.server = server;
        this.key = key;
        this.version = version;
        this.id = server.clients().nextId();
        this.window = server.writeWindows().window(ctx.executor(), mergedWriteMillis);
        this.body = new ResponseBody(ctx.pipeline().context(HttpServerCodec.class), version.isKeepAliveDefault());
        this.streamTimeline = server.streams().vhost(key.vhost()).timeJitter() == VhostSettings.TimeJitter.OFF;
    }

    /** Subscribes and answers at once for a live stream, else waits for a publisher. On the event loop. */
    void start(int playWaitMillis) {
        subscription = server.streams().subscribe(key, this, this);
        registration = server.clients().register(this);
        server.players().add(this);
        if (subscription.isPublished()) {
            beginResponse();
        } else if (playWaitMillis <= 0) {
            notFound(0);
        } else {
            waitTimeout = ctx.executor().schedule(() -> {
                if (state == State.WAITING) {
                    notFound(playWaitMillis);
                }
            }, playWaitMillis, TimeUnit.MILLISECONDS);
        }
        drain();
    }

    private void notFound(int waitedMillis) {
        LOG.info("HTTP client {} ({}): stream {} not found{}", id, HttpResponses.address(remoteAddress()), key,
                waitedMillis > 0 ? " within " + waitedMillis + " ms" : "");
        state = State.ENDED;
        release();
        ctx.writeAndFlush(HttpResponses.text(ctx.alloc(), version, HttpResponseStatus.NOT_FOUND))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void beginResponse() {
        if (waitTimeout != null) {
            waitTimeout.cancel(false);
        }
        state = State.STREAMING;
        playingSince = Instant.now();
        HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        HttpResponses.flvStream(response.headers());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (version.isKeepAliveDefault()) {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        // HTTP/1.0 has no chunks: the body ends when the connection closes.
        ctx.write(response);
        LOG.info("HTTP client {} ({}) plays stream {}", id, HttpResponses.address(remoteAddress()), key);
    }

    @Override
    public void itemsAvailable() {
        window.ready(drainTask);
    }

    /** Writes what is queued while the socket takes it. On the event loop. */
    void drain() {
        if (state == State.ENDED || subscription == null) {
            return;
        }
        while (state != State.ENDED && ctx.channel().isWritable()) {
            if (state == State.STREAMING && flvHeaderWritten && sharesRuns()) {
                // In step with other players: their shared run, touching no message.
                ByteBuf shared = subscription.pollRun(body.chunked(), base, BATCH_MESSAGES, this);
                if (shared != null) {
                    body.writeFramed(shared);
                    continue;
                }
            }
            boolean end = false;
            int messages = 0;
            StreamItem item = null;
            while (messages < BATCH_MESSAGES && (item = subscription.poll()) != null) {
                if (item instanceof MediaMessage m) {
                    if (state == State.WAITING) {
                        beginResponse();
                    }
                    run.add(m);
                    messages++;
                    continue;
                }
                appendRun();
                if (item == StreamEvent.PUBLISH && state == State.WAITING) {
                    beginResponse();
                } else if (item == StreamEvent.UNPUBLISH && state == State.STREAMING) {
                    end = true;
                    break;
                } else if (item == StreamEvent.SKIPPED) {
                    LOG.debug("HTTP client {}: fell behind on {}, skipped to the next key frame", id, key);
                }
            }
            appendRun();
            body.writeBatch();
            if (end) {
                LOG.info("HTTP client {} ({}): stream {} unpublished, ending the response", id,
                        HttpResponses.address(remoteAddress()), key);
                state = State.ENDED;
                release();
                body.closeChunk();
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (item == null) {
                break;
            }
        }
        body.flush();
    }

    /**
     * Adds the media drained in a row to the batch. Several of them (a merged-write window) are one buffer shared
     * by every player that drained the same run with the same timestamp base; otherwise tag by tag.
     */
    private void appendRun() {
        int n = run.size();
        if (n == 0) {
            return;
        }
        int handedOver = 0;
        try {
            if (!flvHeaderWritten) {
                flvHeaderWritten = true;
                body.add(fileHeader(run));
                bytesOut += 13;
            }
            ByteBuf shared = null;
            if (n > 1 && flvHeaderWritten && sharesRuns()) {
                shared = run.get(n - 1).sharedRun(runKey.set(body.chunked(), run, base), ctx.alloc(), runEncoder);
            }
            if (shared == null) {
                while (handedOver < n) {
                    append(run.get(handedOver++)); // releases the message
                }
            } else {
                long tags = 0;
                for (int i = 0; i < n; i++) {
                    tags += FlvTagEncoding.TAG_HEADER_SIZE + run.get(i).size() + FlvTagEncoding.TRAILER_SIZE;
                }
                bytesOut += tags; // volatile writes: once per run
                sharedRuns++;
                body.writeFramed(shared);
            }
        } finally {
            // A run added whole, or a failure part-way: the messages not handed to append are released here.
            for (int i = handedOver; i < n; i++) {
                run.get(i).release();
            }
            run.clear();
        }
    }

    /**
     * The run's tags as this player would write them one by one, in one buffer; for a chunked response framed as
     * one complete HTTP chunk, so the players that share it write nothing of their own.
     */
    private ByteBuf encode(List<MediaMessage> messages, ByteBufAllocator alloc) {
        int size = 0;
        for (int i = 0; i < messages.size(); i++) {
            size += FlvTagEncoding.TAG_HEADER_SIZE + messages.get(i).size() + FlvTagEncoding.TRAILER_SIZE;
        }
        ByteBuf all = alloc.directBuffer(size + body.framing());
        body.frameStart(all, size);
        for (int i = 0; i < messages.size(); i++) {
            MediaMessage m = messages.get(i);
            ByteBuf tag = m.encoded(FlvTagEncoding.INSTANCE, alloc);
            int out = Math.max(0, m.timestamp() - base);
            if (out != m.timestamp()) {
                FlvTagEncoding.writeTagHeader(all, m.type().flvTagType(), m.size(), out);
                tag.skipBytes(FlvTagEncoding.TAG_HEADER_SIZE);
            }
            all.writeBytes(tag);
            tag.release();
        }
        body.frameEnd(all);
        return all;
    }

    /** A run for the players in step with this one ({@link Subscription#pollRun}). */
    @Override
    public ByteBuf encodeRun(List<MediaMessage> messages) {
        return encode(messages, ctx.alloc());
    }

    @Override
    public void runTaken(int messages, long payloadBytes) {
        bytesOut += payloadBytes + (long) messages * (FlvTagEncoding.TAG_HEADER_SIZE + FlvTagEncoding.TRAILER_SIZE);
        sharedRuns++;
    }

    /**
     * Whether this player writes shared runs: only once it has a base, and only when enough players have the same
     * one; else it writes message by message, each message's wire form shared by all players.
     */
    private boolean sharesRuns() {
        return basePlayers != null && basePlayers.get() >= TimestampBases.MIN_PLAYERS_TO_SHARE_RUNS;
    }

    long sharedRuns() {
        return sharedRuns;
    }

    private void append(MediaMessage m) {
        try {
            int ts = m.timestamp();
            boolean media = m.type() == MessageType.AUDIO || m.type() == MessageType.VIDEO;
            if (!haveBase && media && !m.isSequenceHeader()) {
                haveBase = true;
                base = streamTimeline ? 0 : ts;
                basePlayers = server.timestampBases().join(key, base);
            }
            // Before the first frame (metadata, sequence headers) everything is at 0; then frames start near 0, or
            // at the stream's time with time_jitter off.
            int out = haveBase ? Math.max(0, ts - base) : 0;
            ByteBuf shared = m.encoded(FlvTagEncoding.INSTANCE, ctx.alloc());
            if (out != ts) {
                ByteBuf header = ctx.alloc().buffer(FlvTagEncoding.TAG_HEADER_SIZE);
                FlvTagEncoding.writeTagHeader(header, m.type().flvTagType(), m.size(), out);
                shared.skipBytes(FlvTagEncoding.TAG_HEADER_SIZE);
                body.add(header);
            }
            body.add(shared);
            bytesOut += FlvTagEncoding.TAG_HEADER_SIZE + m.size() + FlvTagEncoding.TRAILER_SIZE;
        } finally {
            m.release();
        }
    }

    /**
     * The FLV header's audio and video flags say what the stream carries. A track counts as absent only once the
     * stream has sent frames without it, as {@code first} (the player's first batch: headers, then the GOP cache)
     * shows: a player arriving between the publisher's sequence headers would otherwise be told "no audio" for
     * good, and players that trust the header may set up no audio track for the audio that follows.
     */
    private ByteBuf fileHeader(List<MediaMessage> first) {
        boolean framesSent = false;
        for (int i = 0; i < first.size() && !framesSent; i++) {
            MediaMessage m = first.get(i);
            framesSent = (m.type() == MessageType.AUDIO || m.type() == MessageType.VIDEO) && !m.isSequenceHeader();
        }
        StreamInfo info = server.streams().stream(key).orElse(null);
        boolean audio = !framesSent || info == null || !info.audioCodec().isEmpty();
        boolean video = !framesSent || info == null || !info.videoCodec().isEmpty();
        return FlvTagEncoding.fileHeader(ctx.alloc(), audio, video);
    }

    /** The connection closed: stop playing. On the event loop. */
    void closed() {
        if (state != State.ENDED) {
            state = State.ENDED;
            Duration played = Duration.between(playingSince != null ? playingSince : connectedAt, Instant.now());
            LOG.info("HTTP client {} ({}) left stream {} after {} s, {} bytes sent", id,
                    HttpResponses.address(remoteAddress()), key, played.toSeconds(), bytesOut);
        }
        release();
    }

    private void release() {
        if (waitTimeout != null) {
            waitTimeout.cancel(false);
        }
        // Empty between drains; a drain that failed part-way may have left buffers.
        run.forEach(MediaMessage::release);
        run.clear();
        body.release();
        if (subscription != null) {
            subscription.close();
        }
        server.players().remove(this);
        if (basePlayers != null) {
            server.timestampBases().leave(key, base, basePlayers);
            basePlayers = null;
        }
        if (registration != null) {
            try {
                registration.close();
            } catch (Exception e) {
                LOG.debug("HTTP client {}: unregistering failed", id, e);
            }
            registration = null;
        }
    }

    StreamKey key() {
        return key;
    }

    State playState() {
        return state;
    }

    /** When the FLV body began, or when the request came while it waits for a publisher. */
    Instant playingSince() {
        Instant p = playingSince;
        return p != null ? p : connectedAt;
    }

    long droppedMessages() {
        Subscription s = subscription;
        return s == null ? 0 : s.droppedMessages();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocol() {
        return "http-flv";
    }

    @Override
    public SocketAddress remoteAddress() {
        return ctx.channel().remoteAddress();
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public String state() {
        return (state == State.WAITING ? "wait " : "play ") + key;
    }

    @Override
    public long bytesIn() {
        return 0;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public void close(String reason) {
        ctx.executor().execute(() -> {
            if (ctx.channel().isOpen()) {
                LOG.info("HTTP client {} ({}) on stream {} closed: {}", id, HttpResponses.address(remoteAddress()),
                        key, reason);
                ctx.channel().close();
            }
        });
    }
}
