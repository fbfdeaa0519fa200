package io.aqueduct.httpflv.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The static files of {@code http_server dir}: maps a decoded request path to a regular file inside the directory,
 * never outside it. A path with a {@code ..} segment, a backslash or a NUL is forbidden (whether it came percent
 * encoded or not: the caller decodes first); what normalizes or links outside the directory is forbidden too. A
 * directory serves its {@code index.html}. Only known file types are served. Immutable and thread-safe.
 */
final class StaticFiles {

    /** The outcome of a lookup: a file to serve, or the status to answer. */
    record Lookup(int status, Path file, String contentType) {
        static Lookup of(int status) {
            return new Lookup(status, null, null);
        }
    }

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "application/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("xml", "text/xml; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("flv", "video/x-flv"),
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("ts", "video/MP2T"),
            Map.entry("mp4", "video/mp4"));

    private final Path root;

    /** @param dir the directory; null, empty or missing means no static files (every lookup is 404) */
    StaticFiles(String dir) {
        Path r = null;
        if (dir != null && !dir.isBlank()) {
            try {
                Path p = Path.of(dir).toAbsolutePath().normalize();
                r = Files.isDirectory(p) ? p.toRealPath() : null;
            } catch (IOException | InvalidPathException e) {
                r = null;
            }
        }
        this.root = r;
    }

    boolean enabled() {
        return root != null;
    }

    Path root() {
        return root;
    }

    /** @param path the percent-decoded request path, without query */
    Lookup lookup(String path) {
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return Lookup.of(403);
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return Lookup.of(403);
            }
        }
        if (root == null) {
            return Lookup.of(404);
        }
        String relative = path.replaceAll("^/+", "");
        Path file;
        try {
            file = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Lookup.of(404);
        }
        if (!file.startsWith(root)) {
            return Lookup.of(403);
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            return Lookup.of(404);
        }
        try {
            // A symbolic link inside the directory may point outside it.
            if (!file.toRealPath().startsWith(root)) {
                return Lookup.of(403);
            }
        } catch (IOException e) {
            return Lookup.of(404);
        }
        String type = contentType(file.getFileName().toString());
        return type == null ? Lookup.of(404) : new Lookup(200, file, type);
    }

    /** The Content-Type of a file name, or null for a type that is not served. */
    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? null : CONTENT_TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
