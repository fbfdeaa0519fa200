package io.aqueduct.rtmp.codec;

import io.aqueduct.amf.Amf0Reader;
import io.aqueduct.amf.Amf0Writer;
import io.aqueduct.amf.AmfException;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** Reads and writes the AMF bodies of command and data messages (RTMP specification 7.1.1 and 7.1.2). */
final class AmfBodies {

    /** Deep enough for any real command object, shallow enough to stop hostile nesting early. */
    private static final Amf0Reader READER = new Amf0Reader(16);

    private AmfBodies() {
    }

    /**
     * Decodes a command (type 20 or 17) or data (type 18 or 15) message body. AMF3 messages start with a format
     * byte (0) and go on in AMF0, switching to AMF3 per value through the AVM+ marker, which the reader follows.
     */
    static RtmpMessage read(int typeId, int streamId, int timestamp, ByteBuf body) {
        if ((typeId == MessageTypeIds.COMMAND_AMF3 || typeId == MessageTypeIds.DATA_AMF3) && body.isReadable()
                && body.getByte(body.readerIndex()) == 0) {
            body.skipBytes(1);
        }
        List<Object> values;
        try {
            values = READER.readAll(body);
        } catch (AmfException e) {
            throw new RtmpProtocolException("undecodable AMF in a message of type " + typeId + ": "
                    + e.getMessage(), e);
        }
        if (typeId == MessageTypeIds.DATA_AMF0 || typeId == MessageTypeIds.DATA_AMF3) {
            return new DataMessage(streamId, timestamp, values);
        }
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new RtmpProtocolException("command message without a name: " + values);
        }
        // ffmpeg sends notifications such as onFCPublish with the name alone: no transaction id means 0.
        double transactionId = values.size() > 1 && values.get(1) instanceof Number tid ? tid.doubleValue() : 0;
        Object commandObject = values.size() > 2 ? values.get(2) : null;
        List<Object> arguments = values.size() > 3 ? values.subList(3, values.size()) : List.of();
        return new CommandMessage(streamId, timestamp, name, transactionId, commandObject, arguments);
    }

    static void writeCommand(ByteBuf out, CommandMessage command) {
        Amf0Writer.writeAll(out, command.name(), command.transactionId(), command.commandObject());
        for (Object argument : command.arguments()) {
            Amf0Writer.write(out, argument);
        }
    }

    static void writeData(ByteBuf out, DataMessage data) {
        for (Object value : data.values()) {
            Amf0Writer.write(out, value);
        }
    }
}
