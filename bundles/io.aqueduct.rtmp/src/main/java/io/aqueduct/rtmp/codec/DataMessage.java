package io.aqueduct.rtmp.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A data message (AMF0 type 18, or AMF3 type 15 when received), such as {@code @setDataFrame} / {@code onMetaData}.
 * Always written as AMF0 (type 18).
 *
 * @param values the decoded AMF values (may contain {@code null})
 */
public record DataMessage(int streamId, int timestamp, List<Object> values) implements RtmpMessage {

    public DataMessage {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The first value when it is a string (the handler name such as {@code onMetaData}), else {@code null}. */
    public String name() {
        return !values.isEmpty() && values.get(0) instanceof String s ? s : null;
    }
}
