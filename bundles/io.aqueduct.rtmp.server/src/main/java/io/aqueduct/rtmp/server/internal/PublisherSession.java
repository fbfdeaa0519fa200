package io.aqueduct.rtmp.server.internal;

import io.aqueduct.amf.Amf0Writer;
import io.aqueduct.rtmp.codec.DataMessage;
import io.aqueduct.rtmp.codec.MediaPacket;
import io.aqueduct.stream.api.MediaMessage;
import io.aqueduct.stream.api.MessageType;
import io.aqueduct.stream.api.Publication;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/** Publishes what one RTMP connection sends into its stream. */
final class PublisherSession {

    private final Publication publication;
    private final int streamId;

    PublisherSession(Publication publication, int streamId) {
        this.publication = publication;
        this.streamId = streamId;
    }

    Publication publication() {
        return publication;
    }

    int streamId() {
        return streamId;
    }

    void onMedia(MediaPacket packet) {
        publication.send(packet.media());
    }

    /**
     * {@code @setDataFrame onMetaData {...}} (and a bare {@code onMetaData}) becomes the stream's metadata, stored
     * without the {@code @setDataFrame} prefix as players expect; other script data is relayed as is.
     */
    void onData(DataMessage data, ByteBufAllocator alloc) {
        List<Object> values = data.values();
        if ("@setDataFrame".equals(data.name()) && values.size() >= 2) {
            values = values.subList(1, values.size());
        }
        if (values.isEmpty()) {
            return;
        }
        boolean metadata = "onMetaData".equals(values.get(0));
        ByteBuf body = alloc.buffer();
        try {
            for (Object v : values) {
                Amf0Writer.write(body, v);
            }
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
        publication.send(MediaMessage.of(metadata ? MessageType.METADATA : MessageType.DATA, data.timestamp(), body));
    }

    void close() {
        publication.close();
    }
}
