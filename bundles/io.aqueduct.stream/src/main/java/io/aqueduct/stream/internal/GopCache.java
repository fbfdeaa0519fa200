package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The media since the latest key frame, so a new player starts decoding at once. Bounded in messages and bytes:
 * a GOP that outgrows the bounds is dropped and caching resumes at the next key frame. A stream without video
 * keeps its last {@link #AUDIO_ONLY_MESSAGES} audio messages instead.
 *
 * <p>Not thread-safe: used under the stream's lock.
 */
final class GopCache {

    static final int MAX_MESSAGES = 4096;
    static final long MAX_BYTES = 32L << 20;
    static final int AUDIO_ONLY_MESSAGES = 64;

    private final ArrayDeque<MediaMessage> messages = new ArrayDeque<>();
    private long bytes;
    private boolean overflowed;

    /** Adds a media message (takes a new reference when kept). */
    void add(MediaMessage message, boolean streamHasVideo) {
        if (message.type() == MessageType.VIDEO && message.isKeyframe()) {
            clear();
            overflowed = false;
        } else if (overflowed) {
            return;
        } else if (streamHasVideo && messages.isEmpty()) {
            return; // no key frame yet: a player could not decode from here
        }
        if (messages.size() >= MAX_MESSAGES || bytes + message.size() > MAX_BYTES) {
            if (!streamHasVideo) {
                dropFirst();
            } else {
                clear();
                overflowed = true;
                return;
            }
        }
        if (!streamHasVideo && messages.size() >= AUDIO_ONLY_MESSAGES) {
            dropFirst();
        }
        messages.addLast(message.retain());
        bytes += message.size();
    }

    void forEach(Consumer<MediaMessage> action) {
        messages.forEach(action);
    }

    int size() {
        return messages.size();
    }

    long bytes() {
        return bytes;
    }

    private void dropFirst() {
        MediaMessage first = messages.pollFirst();
        if (first != null) {
            bytes -= first.size();
            first.release();
        }
    }

    void clear() {
        MediaMessage m;
        while ((m = messages.pollFirst()) != null) {
            m.release();
        }
        bytes = 0;
    }
}
