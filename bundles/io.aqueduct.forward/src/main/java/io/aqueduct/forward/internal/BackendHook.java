package io.aqueduct.forward.internal;

import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The SRS 5 forward backend: on publish, POSTs {@code {"action":"on_forward", ...}} to an HTTP hook, which answers
 * {@code {"code":0,"data":{"urls":["rtmp://..."]}}} with the extra destinations of that stream. Asynchronous; never
 * runs on an event loop. Thread-safe.
 */
final class BackendHook {

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_REPLY_CHARS = 64 * 1024;

    private final HttpClient http;

    BackendHook(Executor executor) {
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Asks {@code backend} for the URLs of a stream.
     *
     * @return the URLs; fails with the I/O error, the timeout, or an {@link IllegalArgumentException} describing a
     *         bad reply
     */
    CompletableFuture<List<String>> urls(String backend, String serverId, StreamKey key, ClientSession publisher) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(backend)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(requestBody(serverId, key, publisher)))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("bad backend URL " + backend, e));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalArgumentException("backend answered HTTP " + response.statusCode());
                    }
                    return parseReply(response.body());
                });
    }

    static String requestBody(String serverId, StreamKey key, ClientSession publisher) {
        String ip = publisher.remoteAddress() instanceof InetSocketAddress a ? a.getHostString() : "";
        StringBuilder param = new StringBuilder();
        for (Map.Entry<String, String> e : publisher.parameters().entrySet()) {
            param.append(param.length() == 0 ? '?' : '&').append(e.getKey()).append('=').append(e.getValue());
        }
        String tcUrl = "rtmp://" + (StreamKey.DEFAULT_VHOST.equals(key.vhost()) ? "127.0.0.1" : key.vhost()) + "/"
                + key.app();
        return "{" + field("action", "on_forward") + "," + field("server_id", serverId) + ","
                + field("client_id", publisher.id()) + "," + field("ip", ip) + "," + field("vhost", key.vhost()) + ","
                + field("app", key.app()) + "," + field("tcUrl", tcUrl) + "," + field("stream", key.stream()) + ","
                + field("param", param.toString()) + "}";
    }

    private static String field(String name, String value) {
        return Json.quote(name) + ":" + Json.quote(value == null ? "" : value);
    }

    /**
     * The URLs of a reply; {@code code} must be 0. A reply without {@code data.urls} means no extra destination.
     *
     * @throws IllegalArgumentException when the reply is not JSON, has a non-zero code, or lists a non-string
     */
    static List<String> parseReply(String body) {
        if (body == null || body.length() > MAX_REPLY_CHARS) {
            throw new IllegalArgumentException("backend reply empty or too long");
        }
        if (!(Json.parse(body) instanceof Map<?, ?> reply)) {
            throw new IllegalArgumentException("backend reply is not a JSON object");
        }
        if (!(reply.get("code") instanceof Double code) || code != 0) {
            throw new IllegalArgumentException("backend reply code is " + reply.get("code") + ", not 0");
        }
        List<String> urls = new ArrayList<>();
        if (reply.get("data") instanceof Map<?, ?> data && data.get("urls") instanceof List<?> list) {
            for (Object u : list) {
                if (!(u instanceof String s)) {
                    throw new IllegalArgumentException("backend reply lists a non-string URL: " + u);
                }
                if (!s.isBlank()) {
                    urls.add(s.trim());
                }
            }
        }
        return urls;
    }
}
