package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.MediaCodecs;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.StreamItem;
import java.util.Collection;

/**
 * What a player needs before the live media of one publishing session: the metadata, the video and audio sequence
 * headers and the GOP cache; and what the stream carries (codecs, whether it has video), as learnt from them.
 *
 * <p>Changed under the stream's lock; the codecs and {@link #hasVideo} may be read from any thread.
 */
final class StreamStart {

    private final GopCache gop = new GopCache();
    private MediaMessage metadata;
    private MediaMessage videoHeader;
    private MediaMessage audioHeader;
    private volatile boolean hasVideo;
    private volatile String videoCodec = "";
    private volatile String audioCodec = "";

    /** Keeps what a later player needs of the publisher's {@code message} (new references where kept). */
    void add(MediaMessage message, boolean gopCache) {
        switch (message.type()) {
            case METADATA -> metadata = replace(metadata, message);
            case VIDEO -> {
                hasVideo = true;
                if (message.isSequenceHeader()) {
                    videoHeader = replace(videoHeader, message);
                    videoCodec = MediaCodecs.videoCodec(message.payload());
                } else if (gopCache) {
                    gop.add(message, true);
                }
            }
            case AUDIO -> {
                if (audioCodec.isEmpty()) {
                    audioCodec = MediaCodecs.audioCodec(message.payload());
                }
                if (message.isSequenceHeader()) {
                    audioHeader = replace(audioHeader, message);
                } else if (gopCache) {
                    gop.add(message, hasVideo);
                }
            }
            default -> {
                // other script data is relayed, never cached
            }
        }
        if (videoCodec.isEmpty() && message.type() == MessageType.VIDEO) {
            videoCodec = MediaCodecs.videoCodec(message.payload());
        }
    }

    /** Metadata and sequence headers, new references (a new player, or one resuming after a skip). */
    void addHeaders(Collection<StreamItem> to) {
        if (metadata != null) {
            to.add(metadata.retain());
        }
        if (videoHeader != null) {
            to.add(videoHeader.retain());
        }
        if (audioHeader != null) {
            to.add(audioHeader.retain());
        }
    }

    /** Headers, then the GOP cache when {@code gopCache}: all a new player needs, new references. */
    void addAll(Collection<StreamItem> to, boolean gopCache) {
        addHeaders(to);
        if (gopCache) {
            gop.forEach(m -> to.add(m.retain()));
        }
    }

    /** Forgets (and releases) everything: the publishing session ended or the stream is dropped. */
    void clear() {
        gop.clear();
        metadata = replace(metadata, null);
        videoHeader = replace(videoHeader, null);
        audioHeader = replace(audioHeader, null);
        hasVideo = false;
        videoCodec = "";
        audioCodec = "";
    }

    boolean hasVideo() {
        return hasVideo;
    }

    String videoCodec() {
        return videoCodec;
    }

    String audioCodec() {
        return audioCodec;
    }

    int gopCacheSize() {
        return gop.size();
    }

    private static MediaMessage replace(MediaMessage old, MediaMessage now) {
        if (old != null) {
            old.release();
        }
        return now == null ? null : now.retain();
    }
}
