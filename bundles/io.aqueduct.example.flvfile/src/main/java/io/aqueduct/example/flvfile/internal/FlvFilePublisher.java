package io.aqueduct.example.flvfile.internal;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.MediaBuffers;
import io.aqueduct.stream.api.MediaCodecs;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.Publication;
import io.aqueduct.stream.api.StreamBusyException;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one FLV file as a live stream, at real-time pace, as an encoder would: one instance per factory
 * configuration. It is a protocol in miniature: it publishes into the {@link StreamRegistry} and shows itself in
 * {@link ClientRegistry} as a client of protocol {@code flv-file}, so {@code aqueduct:clients} lists it and
 * {@code aqueduct:kick} stops it.
 *
 * <p>The file is checked from end to end before anything is published: a malformed file is refused with the file
 * name and the offset of the bad tag, and nothing is published. Then its own single thread sends each tag when its timestamp is
 * due (measured from the start, so delays never accumulate). Looping, the timestamps of each pass continue from
 * the last one, and the metadata and sequence headers at the start of the file are not sent again (the registry
 * keeps them for new players). Deactivation closes the publication: players see the stream end.
 *
 * <p>Threading: everything that touches the reader and the publication runs on the publisher's thread; the
 * getters and {@link #close(String)} may be called from any thread.
 */
@Component(service = FlvFilePublisher.class, immediate = true, configurationPid = FlvFilePublisher.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FlvFilePublisherConfig.class, factory = true)
public final class FlvFilePublisher implements ClientSession {

    static final String PID = "io.aqueduct.example.flvfile";
    private static final Logger LOG = LoggerFactory.getLogger(FlvFilePublisher.class);

    enum State { PLAYING, ENDED, FAILED, STOPPED }

    private final String file;
    private final String stream;
    private final boolean loop;
    private final String id;
    private final Instant connectedAt = Instant.now();
    private final ScheduledExecutorService thread;
    private final Runnable pumpTask = this::pump;

    // Set once by the constructor when the file and the stream were accepted.
    private volatile StreamKey key;
    private volatile FlvFileSummary summary;
    private FlvFileReader reader;
    private Publication publication;
    private AutoCloseable registration;
    private long startNanos;

    // The publisher's thread only.
    private FlvTag next;
    private long passOffset;
    private boolean leadingHeaders = true;

    private volatile State state = State.PLAYING;
    private volatile String endReason = "";
    private volatile long tagsSent;
    private volatile int passes = 1;
    private volatile long bytesIn;

    @Activate
    public FlvFilePublisher(@Reference StreamRegistry streams, @Reference ClientRegistry clients,
            FlvFilePublisherConfig config) {
        this(streams, clients, config.file(), config.stream(), config.loop(), FlvFileReader.DEFAULT_MAX_TAG_SIZE);
    }

    /**
     * Checks the configuration and the file, publishes, and starts the thread. A refused configuration, file or
     * stream does not fail activation (SCR would keep retrying a broken service): the publisher stays
     * {@link State#FAILED} with the reason logged and shown by {@code flvfile:list}, until its configuration
     * changes.
     */
    FlvFilePublisher(StreamRegistry streams, ClientRegistry clients, String file, String stream, boolean loop,
            int maxTagSize) {
        this.file = file;
        this.stream = stream;
        this.loop = loop;
        this.id = clients.nextId();
        // The thread exists before the publication does, so a kick can always be handed to it.
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aqueduct-flvfile-" + stream);
            t.setDaemon(true);
            return t;
        });
        try {
            start(streams, clients, maxTagSize);
        } catch (IOException | StreamBusyException | IllegalArgumentException e) {
            state = State.FAILED;
            endReason = e.getMessage();
            thread.shutdown();
            LOG.error("FLV file publisher for stream {} not started: {}", stream, e.getMessage());
        }
    }

    private void start(StreamRegistry streams, ClientRegistry clients, int maxTagSize)
            throws IOException, StreamBusyException {
        Path path = Path.of(required(file, "file"));
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("file must be an absolute path: " + file);
        }
        key = parseKey(required(stream, "stream"));
        FlvFileReader opened = new FlvFileReader(path, maxTagSize);
        try {
            FlvFileSummary scanned = opened.scan();
            if (scanned.audioTags() + scanned.videoTags() == 0) {
                throw new FlvFormatException(path, 0, "no audio or video tag");
            }
            summary = scanned;
            publication = streams.publish(key, this);
        } catch (IOException | StreamBusyException | RuntimeException e) {
            opened.close();
            throw e;
        }
        reader = opened;
        registration = clients.register(this);
        LOG.info("FLV file {} publishing as stream {} (client {}): {} tags, {} ms{}", file, key, id,
                summary.tags(), summary.durationMillis(), loop ? ", looping" : "");
        startNanos = System.nanoTime();
        thread.execute(pumpTask);
    }

    /** Sends every tag that is due, then sleeps until the next one is. On the publisher's thread. */
    private void pump() {
        if (state != State.PLAYING) {
            return;
        }
        try {
            while (true) {
                if (!publication.isOpen()) {
                    end(State.STOPPED, "the registry ended the publication");
                    return;
                }
                if (next == null) {
                    next = readNext();
                    if (next == null) {
                        end(State.ENDED, "end of file");
                        return;
                    }
                }
                long timestamp = outputTimestamp(next);
                long wait = startNanos + TimeUnit.MILLISECONDS.toNanos(timestamp) - System.nanoTime();
                if (wait > 0) {
                    thread.schedule(pumpTask, wait, TimeUnit.NANOSECONDS);
                    return;
                }
                FlvTag tag = next;
                next = null;
                publication.send(MediaMessage.of(tag.messageType(), (int) timestamp, tag.body()));
                tagsSent++;
            }
        } catch (IOException e) {
            LOG.error("FLV file publisher of stream {} (client {}) stopped: {}", key, id, e.getMessage());
            end(State.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("FLV file publisher of stream {} (client {}) failed", key, id, e);
            end(State.FAILED, e.toString());
        }
    }

    /**
     * The next tag to send. At the end of the file, when looping, the next pass starts one frame after the last
     * one ended; its leading metadata and sequence headers are skipped, and so is the end of sequence that ends
     * each pass. Empty audio and video tags are skipped.
     */
    private FlvTag readNext() throws IOException {
        while (true) {
            FlvTag tag = reader.next(MediaBuffers.allocator());
            bytesIn = reader.bytesRead();
            if (tag == null) {
                if (!loop) {
                    return null;
                }
                reader.rewind();
                passes++;
                passOffset += summary.loopLengthMillis();
                leadingHeaders = true;
                continue;
            }
            boolean header = !tag.isMedia() || isSequenceHeader(tag);
            if (!header) {
                leadingHeaders = false;
            }
            boolean repeated = passes > 1 && leadingHeaders && header;
            if (repeated || (loop && tag.isEndOfSequence()) || (tag.isMedia() && !tag.body().isReadable())) {
                tag.body().release();
                continue;
            }
            return tag;
        }
    }

    private static boolean isSequenceHeader(FlvTag tag) {
        return tag.type() == FlvTag.VIDEO ? MediaCodecs.isVideoSequenceHeader(tag.body())
                : MediaCodecs.isAudioSequenceHeader(tag.body());
    }

    /** File time made to start at 0, plus the passes before this one. */
    private long outputTimestamp(FlvTag tag) {
        long fileTime = tag.timestamp() & 0xFFFF_FFFFL;
        return Math.max(0, fileTime - summary.firstMediaTimestamp()) + passOffset;
    }

    /** Stops publishing and releases everything. On the publisher's thread; only the first call counts. */
    private void end(State newState, String reason) {
        if (state != State.PLAYING) {
            return;
        }
        state = newState;
        endReason = reason;
        if (next != null) {
            next.body().release();
            next = null;
        }
        publication.close();
        try {
            registration.close();
            reader.close();
        } catch (Exception e) {
            LOG.debug("FLV file publisher of stream {}: closing {} failed", key, file, e);
        }
        LOG.info("FLV file publisher of stream {} (client {}) ended: {}; {} tags sent in {} pass(es)", key, id,
                reason, tagsSent, passes);
    }

    @Deactivate
    void deactivate() {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.submit(() -> end(State.STOPPED, "publisher deactivated")).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("FLV file publisher of stream {}: its thread did not stop in time: {}", key, e.toString());
        }
        thread.shutdownNow();
    }

    /** Parses {@code vhost/app/stream}, or {@code app/stream} on the default vhost. */
    static StreamKey parseKey(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return new StreamKey(StreamKey.DEFAULT_VHOST, parts[0], parts[1]);
        }
        return StreamKey.parse(text);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("configuration " + PID + " needs '" + name + "'");
        }
        return value.trim();
    }

    /** The stream as configured; {@link #key()} is null when it could not be parsed. */
    String streamName() {
        return stream;
    }

    StreamKey key() {
        return key;
    }

    String file() {
        return file;
    }

    boolean loops() {
        return loop;
    }

    State playState() {
        return state;
    }

    String endReason() {
        return endReason;
    }

    long tagsSent() {
        return tagsSent;
    }

    int passes() {
        return passes;
    }

    FlvFileSummary summary() {
        return summary;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocol() {
        return "flv-file";
    }

    @Override
    public SocketAddress remoteAddress() {
        return new FileAddress(file);
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public String state() {
        return "publish " + key + " from " + file;
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return 0;
    }

    /** Stops publishing ({@code aqueduct:kick}); the configuration stays. Any thread; returns at once. */
    @Override
    public void close(String reason) {
        try {
            thread.execute(() -> end(State.STOPPED, reason));
        } catch (RejectedExecutionException e) {
            LOG.debug("FLV file publisher of stream {} already stopped", key);
        }
    }
}
