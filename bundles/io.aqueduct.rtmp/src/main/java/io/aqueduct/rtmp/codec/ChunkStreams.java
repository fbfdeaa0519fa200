package io.aqueduct.rtmp.codec;

/**
 * The chunk stream ids that {@link ChunkEncoder} writes on, as ffmpeg and SRS do: one chunk stream per kind of
 * message, so a big video frame never holds up a command. Every message starts with a type 0 header, so the
 * assignment carries no state between messages.
 */
public final class ChunkStreams {

    /** Protocol control and user control messages (required by the specification). */
    public static final int CONTROL = 2;
    /** Command messages. */
    public static final int COMMAND = 3;
    /** Audio messages. */
    public static final int AUDIO = 4;
    /** Data (script) messages, including {@code onMetaData}. */
    public static final int DATA = 5;
    /** Video messages. */
    public static final int VIDEO = 6;

    /** The largest chunk stream id a 3-byte basic header can carry. */
    public static final int MAX_ID = 65599;

    private ChunkStreams() {
    }
}
