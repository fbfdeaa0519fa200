package io.aqueduct.forward.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aqueduct.stream.api.StreamKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendHookTest {

    @Test
    void readsTheUrlsOfAnSrsReply() {
        assertEquals(List.of("rtmp://a/live/x", "rtmp://b:1936/live/y?k=v"), BackendHook.parseReply(
                " {\"code\": 0, \"data\": {\"urls\": [\"rtmp://a/live/x\", \"rtmp:\\/\\/b:1936/live/y?k=v\"]},"
                        + " \"extra\": [1, 2.5e1, true, null, {\"n\": \"\\u00e9\"}]}\n"));
    }

    @Test
    void aReplyWithoutUrlsMeansNoExtraDestination() {
        assertEquals(List.of(), BackendHook.parseReply("{\"code\":0}"));
        assertEquals(List.of(), BackendHook.parseReply("{\"code\":0,\"data\":{\"urls\":[]}}"));
    }

    @Test
    void errorsAndBadRepliesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BackendHook.parseReply("{\"code\":1}"));
        assertThrows(IllegalArgumentException.class, () -> BackendHook.parseReply("{\"data\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> BackendHook.parseReply("[0]"));
        assertThrows(IllegalArgumentException.class, () -> BackendHook.parseReply("{\"code\":0,"));
        assertThrows(IllegalArgumentException.class, () -> BackendHook.parseReply("{\"code\":0} x"));
        assertThrows(IllegalArgumentException.class,
                () -> BackendHook.parseReply("{\"code\":0,\"data\":{\"urls\":[3]}}"));
        assertThrows(IllegalArgumentException.class, () -> BackendHook.parseReply("[".repeat(100)));
        assertThrows(IllegalArgumentException.class, () -> BackendHook.parseReply("{\"a\":\"\\x\"}"));
    }

    @Test
    void theRequestCarriesWhatSrsSends() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("token", "a\"b");
        Object request = Json.parse(BackendHook.requestBody("srv1", new StreamKey("example.com", "live", "cam"),
                new TestClient("7", "10.1.2.3", params)));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("action", "on_forward");
        expected.put("server_id", "srv1");
        expected.put("client_id", "7");
        expected.put("ip", "10.1.2.3");
        expected.put("vhost", "example.com");
        expected.put("app", "live");
        expected.put("tcUrl", "rtmp://example.com/live");
        expected.put("stream", "cam");
        expected.put("param", "?token=a\"b");
        assertEquals(expected, request);
    }
}
