package io.aqueduct.stream.internal;

import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.StreamItem;

/**
 * The recent items of one stream, in order and numbered, shared by all its players: each player keeps only its
 * position ({@link PlayerQueue}). A message is appended once, whatever the number of players, and released when
 * every player has passed it ({@link #trimTo}).
 *
 * <p>A ring that doubles up to {@link #MAX_ITEMS}; the stream makes room before it is full by moving players that
 * fell that far behind. Holds one reference to each message in it.
 *
 * <p>Not thread-safe: used under the stream's lock.
 */
final class StreamLog {

    /** Most items kept: a player further behind than this loses a GOP ({@code play { queue_length }} comes first). */
    static final int MAX_ITEMS = 16_384;
    private static final int INITIAL_CAPACITY = 256;

    private StreamItem[] items = new StreamItem[INITIAL_CAPACITY];
    private int[] timestamps = new int[INITIAL_CAPACITY];
    /** Payload bytes appended before each item: a run's size without reading its messages. */
    private long[] offsets = new long[INITIAL_CAPACITY];
    /** Payload bytes appended in all. */
    private long appendedBytes;
    /** Number of the oldest item kept. */
    private long first;
    /** Number the next item will get. */
    private long head;

    long first() {
        return first;
    }

    long head() {
        return head;
    }

    int size() {
        return (int) (head - first);
    }

    boolean isFull() {
        return size() >= MAX_ITEMS;
    }

    /**
     * Appends an item (takes a new reference to a message) with the timestamp players' lag is measured by.
     *
     * @return the item's number
     * @throws IllegalStateException when full: the caller makes room first
     */
    long append(StreamItem item, int timestamp) {
        if (isFull()) {
            throw new IllegalStateException("stream log full");
        }
        if (size() == items.length) {
            grow();
        }
        int i = index(head);
        items[i] = item instanceof MediaMessage m ? m.retain() : item;
        timestamps[i] = timestamp;
        offsets[i] = appendedBytes;
        if (item instanceof MediaMessage m) {
            appendedBytes += m.size();
        }
        return head++;
    }

    /** The item numbered {@code seq} ({@code first <= seq < head}), still owned by the log. */
    StreamItem get(long seq) {
        return items[index(seq)];
    }

    int timestamp(long seq) {
        return timestamps[index(seq)];
    }

    /** Payload bytes of the items numbered {@code from} to {@code to}, exclusive ({@code first <= from <= to <= head}). */
    long bytes(long from, long to) {
        if (from == to) {
            return 0;
        }
        return (to == head ? appendedBytes : offsets[index(to)]) - offsets[index(from)];
    }

    /** Releases the items before {@code seq}: no player will read them. */
    void trimTo(long seq) {
        long to = Math.min(seq, head);
        while (first < to) {
            int i = index(first++);
            if (items[i] instanceof MediaMessage m) {
                m.release();
            }
            items[i] = null;
        }
    }

    void clear() {
        trimTo(head);
    }

    private int index(long seq) {
        return (int) seq & (items.length - 1);
    }

    private void grow() {
        int n = items.length;
        StreamItem[] moreItems = new StreamItem[n * 2];
        int[] moreTimestamps = new int[n * 2];
        long[] moreOffsets = new long[n * 2];
        for (long s = first; s < head; s++) {
            int from = (int) s & (n - 1);
            int to = (int) s & (2 * n - 1);
            moreItems[to] = items[from];
            moreTimestamps[to] = timestamps[from];
            moreOffsets[to] = offsets[from];
        }
        items = moreItems;
        timestamps = moreTimestamps;
        offsets = moreOffsets;
    }
}
