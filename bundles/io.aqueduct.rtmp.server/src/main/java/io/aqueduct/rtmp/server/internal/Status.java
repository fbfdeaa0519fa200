package io.aqueduct.rtmp.server.internal;

import io.aqueduct.rtmp.codec.CommandMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code onStatus} and {@code _result} messages that ffmpeg, OBS, rtmpdump and Flash players expect. */
final class Status {

    static final String PUBLISH_START = "NetStream.Publish.Start";
    static final String PUBLISH_BAD_NAME = "NetStream.Publish.BadName";
    static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";
    static final String PLAY_RESET = "NetStream.Play.Reset";
    static final String PLAY_START = "NetStream.Play.Start";
    static final String PLAY_STOP = "NetStream.Play.Stop";
    static final String PLAY_PUBLISH_NOTIFY = "NetStream.Play.PublishNotify";
    static final String PLAY_UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";

    private Status() {
    }

    static CommandMessage onStatus(int streamId, String level, String code, String description, String clientId) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        info.put("clientid", clientId);
        return CommandMessage.of(streamId, "onStatus", 0, null, info);
    }

    static CommandMessage status(int streamId, String code, String description, String clientId) {
        return onStatus(streamId, "status", code, description, clientId);
    }

    static CommandMessage error(int streamId, String code, String description, String clientId) {
        return onStatus(streamId, "error", code, description, clientId);
    }

    static CommandMessage connectResult(double transactionId, double objectEncoding, String clientId) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("fmsVer", "FMS/3,5,3,888");
        props.put("capabilities", 127.0);
        props.put("mode", 1.0);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "status");
        info.put("code", "NetConnection.Connect.Success");
        info.put("description", "Connection succeeded.");
        info.put("objectEncoding", objectEncoding);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", "3,5,3,888");
        data.put("srs_server", "Aqueduct");
        info.put("data", data);
        info.put("clientid", clientId);
        return CommandMessage.of(0, "_result", transactionId, props, info);
    }

    static CommandMessage connectRejected(double transactionId, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "error");
        info.put("code", "NetConnection.Connect.Rejected");
        info.put("description", description);
        return CommandMessage.of(0, "_error", transactionId, null, info);
    }
}
