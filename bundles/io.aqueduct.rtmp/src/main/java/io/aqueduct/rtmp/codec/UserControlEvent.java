package io.aqueduct.rtmp.codec;

/** The event types of User Control messages (RTMP specification 6.2 and 7.1.7). */
public enum UserControlEvent {
    /** value: message stream id. */
    STREAM_BEGIN(0),
    /** value: message stream id. */
    STREAM_EOF(1),
    /** value: message stream id. */
    STREAM_DRY(2),
    /** value: message stream id, value2: buffer length in milliseconds. */
    SET_BUFFER_LENGTH(3),
    /** value: message stream id. */
    STREAM_IS_RECORDED(4),
    /** value: the sender's timestamp, echoed in the response. */
    PING_REQUEST(6),
    /** value: the timestamp of the request. */
    PING_RESPONSE(7);

    private final int code;

    UserControlEvent(int code) {
        this.code = code;
    }

    /** The wire event type. */
    public int code() {
        return code;
    }

    /** The event of a wire code, or {@code null} when unknown (such as SWF verification, 26 and 27). */
    public static UserControlEvent of(int code) {
        for (UserControlEvent e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
