package io.aqueduct.rtmp.codec;

import java.util.Objects;

/**
 * User Control Message (type 4).
 *
 * @param event  the event type
 * @param value  the first 32-bit field: a message stream id, or a ping timestamp (unsigned)
 * @param value2 the buffer length in milliseconds for {@link UserControlEvent#SET_BUFFER_LENGTH}, else 0 (not sent)
 */
public record UserControl(UserControlEvent event, long value, long value2) implements ProtocolControlMessage {

    public UserControl {
        Objects.requireNonNull(event, "event");
    }

    public UserControl(UserControlEvent event, long value) {
        this(event, value, 0);
    }
}
