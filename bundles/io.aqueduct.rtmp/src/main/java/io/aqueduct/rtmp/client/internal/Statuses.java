package io.aqueduct.rtmp.client.internal;

import io.aqueduct.rtmp.client.RtmpStatusException;
import io.aqueduct.rtmp.codec.CommandMessage;
import io.aqueduct.rtmp.codec.RtmpProtocolException;
import java.util.Map;

/** Reads the info objects of {@code _result}, {@code _error} and {@code onStatus}. */
final class Statuses {

    private Statuses() {
    }

    /** A string field of an info object, or {@code null}. */
    static String field(Object info, String key) {
        return info instanceof Map<?, ?> map && map.get(key) instanceof String value ? value : null;
    }

    static RtmpStatusException exception(Object info) {
        return new RtmpStatusException(field(info, "code"), field(info, "description"));
    }

    /** The message stream id that a {@code createStream} answer carries. */
    static int streamId(CommandMessage result) {
        if (result.argument(0) instanceof Number id && id.doubleValue() >= 0) {
            return id.intValue();
        }
        throw new RtmpProtocolException("createStream answered without a stream id: " + result.arguments());
    }
}
