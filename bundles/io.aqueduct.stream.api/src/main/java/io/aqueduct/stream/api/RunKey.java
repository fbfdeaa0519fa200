package io.aqueduct.stream.api;

import java.util.List;
import java.util.Objects;

/**
 * What makes the bytes of a run of messages for one player ({@link MediaMessage#encodedRun}): the player's wire
 * format, the run's first message (its last holds the cache), how many messages and bytes it has, a hash of all
 * of them by identity, and the player's timestamp base. Runs are contiguous in a stream except for headers put in
 * front of a GOP (a new player, a skip), so equal ends, length and size already mean equal messages unless the
 * headers changed in between; the hash covers that.
 *
 * <p>A player keeps one key and {@link #set}s it for each lookup ({@link MediaMessage#sharedRun}), so a window
 * allocates nothing; the cache keeps a {@link #copy} ({@link MediaMessage#sharedRun}). Not thread-safe.
 *
 * @since 1.2
 */
public final class RunKey {

    private Object format;
    private MediaMessage first;
    private int messages;
    private long bytes;
    private int identities;
    private int base;
    /** A run of a stream's log, named by its first message's number ({@link #setLogRun}). */
    private boolean logged;

    /**
     * Sets this key to a run.
     *
     * @param format what else shapes the bytes (an encoding, a framing), compared with {@code equals}
     * @param run    the messages, in order; at least one
     * @param base   the player's timestamp base
     * @return this key
     */
    public RunKey set(Object format, List<MediaMessage> run, int base) {
        long size = 0;
        int hash = 1;
        for (int i = 0; i < run.size(); i++) {
            MediaMessage m = run.get(i);
            size += m.size();
            hash = 31 * hash + System.identityHashCode(m);
        }
        this.format = format;
        this.first = run.get(0);
        this.messages = run.size();
        this.bytes = size;
        this.identities = hash;
        this.base = base;
        this.logged = false;
        return this;
    }

    /**
     * Sets this key to a run of a stream's log: consecutive messages, numbered from {@code firstNumber}, which
     * name them without reading them. Never equal to a key {@link #set} from a list.
     *
     * @param format      what else shapes the bytes, compared with {@code equals}
     * @param first       the run's first message
     * @param messages    how many
     * @param bytes       their payload bytes
     * @param firstNumber the log's number of the first message
     * @param base        the player's timestamp base
     * @return this key
     * @since 1.3
     */
    public RunKey setLogRun(Object format, MediaMessage first, int messages, long bytes, long firstNumber, int base) {
        this.format = format;
        this.first = first;
        this.messages = messages;
        this.bytes = bytes;
        this.identities = Long.hashCode(firstNumber);
        this.base = base;
        this.logged = true;
        return this;
    }

    /** The run's payload bytes. */
    public long bytes() {
        return bytes;
    }

    /** A key equal to this one that no later {@link #set} changes: the one a cache keeps. */
    public RunKey copy() {
        RunKey k = new RunKey();
        k.format = format;
        k.first = first;
        k.messages = messages;
        k.bytes = bytes;
        k.identities = identities;
        k.base = base;
        k.logged = logged;
        return k;
    }

    @Override
    public boolean equals(Object o) {
        // The base first: the runs of one message mostly differ in it alone (players in step, joined at
        // different GOPs).
        return o instanceof RunKey k && k.base == base && k.first == first && k.messages == messages
                && k.bytes == bytes && k.identities == identities && k.logged == logged
                && Objects.equals(k.format, format);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * identities + base) + messages;
    }
}
