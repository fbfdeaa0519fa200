package io.aqueduct.rtmp.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A command message (AMF0 type 20, or AMF3 type 17 when received): {@code connect}, {@code createStream},
 * {@code publish}, {@code _result}, {@code onStatus}, ... Always written as AMF0 (type 20).
 *
 * @param name          the command name
 * @param transactionId the transaction id (0 when no answer is expected)
 * @param commandObject the command object, often a map or {@code null}
 * @param arguments     the values after the command object (may contain {@code null})
 */
public record CommandMessage(int streamId, int timestamp, String name, double transactionId, Object commandObject,
        List<Object> arguments) implements RtmpMessage {

    public CommandMessage {
        Objects.requireNonNull(name, "name");
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    /** A command with timestamp 0. */
    public static CommandMessage of(int streamId, String name, double transactionId, Object commandObject,
            Object... arguments) {
        return new CommandMessage(streamId, 0, name, transactionId, commandObject, Arrays.asList(arguments));
    }

    /** The argument at {@code index}, or {@code null} when there are fewer arguments. */
    public Object argument(int index) {
        return index < arguments.size() ? arguments.get(index) : null;
    }
}
