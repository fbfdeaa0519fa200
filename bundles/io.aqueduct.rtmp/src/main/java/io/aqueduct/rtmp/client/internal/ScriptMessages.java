package io.aqueduct.rtmp.client.internal;

import io.aqueduct.amf.Amf0Writer;
import io.aqueduct.rtmp.codec.DataMessage;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a received data message into the script {@link MediaMessage} that the rest of the server relays. */
final class ScriptMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptMessages.class);

    private ScriptMessages() {
    }

    /**
     * {@code onMetaData} (also behind {@code @setDataFrame}) becomes {@link MessageType#METADATA}, anything else
     * {@link MessageType#DATA}; the payload is the AMF0 encoding of the values. {@code null} for an empty message.
     */
    static MediaMessage toMedia(DataMessage data, ByteBufAllocator alloc) {
        List<Object> values = data.values();
        if (!values.isEmpty() && "@setDataFrame".equals(values.get(0))) {
            values = values.subList(1, values.size());
        }
        if (values.isEmpty()) {
            return null;
        }
        MessageType type = "onMetaData".equals(values.get(0)) ? MessageType.METADATA : MessageType.DATA;
        ByteBuf payload = alloc.buffer();
        try {
            Amf0Writer.writeAll(payload, values.toArray());
        } catch (IllegalArgumentException e) {
            payload.release();
            LOG.debug("Dropped a data message that cannot be re-encoded: {}", e.getMessage());
            return null;
        }
        return MediaMessage.of(type, data.timestamp(), payload);
    }
}
