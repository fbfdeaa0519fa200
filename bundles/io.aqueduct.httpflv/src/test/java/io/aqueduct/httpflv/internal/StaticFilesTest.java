package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesTest {

    @TempDir
    Path tmp;
    private Path root;
    private StaticFiles files;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("html"));
        Files.writeString(root.resolve("index.html"), "<html></html>");
        Files.writeString(root.resolve("crossdomain.xml"), "<cross-domain-policy/>");
        Files.createDirectories(root.resolve("players"));
        Files.writeString(root.resolve("players/index.html"), "players");
        Files.writeString(root.resolve("notes.unknown"), "x");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("secret.txt"));
        files = new StaticFiles(root.toString());
    }

    @Test
    void servesFilesWithTheirContentTypes() {
        StaticFiles.Lookup index = files.lookup("/index.html");
        assertEquals(200, index.status());
        assertEquals("text/html; charset=utf-8", index.contentType());
        assertEquals("text/xml; charset=utf-8", files.lookup("/crossdomain.xml").contentType());
    }

    @Test
    void directoriesServeTheirIndex() {
        assertEquals(root.resolve("index.html"), files.lookup("/").file());
        assertEquals(root.resolve("players/index.html"), files.lookup("/players/").file());
        assertEquals(root.resolve("players/index.html"), files.lookup("/players").file());
    }

    @Test
    void traversalIsForbidden() {
        assertEquals(403, files.lookup("/../secret.txt").status());
        assertEquals(403, files.lookup("/../../etc/passwd").status());
        assertEquals(403, files.lookup("/players/../../secret.txt").status());
        assertEquals(403, files.lookup("/..\\secret.txt").status());
        assertEquals(403, files.lookup("/index.html\0.png").status());
        assertEquals(403, files.lookup("/escape.txt").status(), "a link out of the directory");
    }

    @Test
    void absolutePathsStayInsideTheDirectory() {
        assertEquals(404, files.lookup("/etc/passwd").status());
        assertEquals(404, files.lookup("//etc/passwd").status());
        assertEquals(404, files.lookup("/" + tmp.resolve("secret.txt")).status());
    }

    @Test
    void unknownTypesAndMissingFilesAre404() {
        assertEquals(404, files.lookup("/notes.unknown").status());
        assertEquals(404, files.lookup("/missing.html").status());
    }

    @Test
    void noDirectoryMeansNoFiles() {
        assertEquals(404, new StaticFiles("").lookup("/index.html").status());
        assertEquals(404, new StaticFiles(tmp.resolve("absent").toString()).lookup("/index.html").status());
    }

    @Test
    void contentTypesOfTheServedKinds() {
        assertEquals("application/javascript; charset=utf-8", StaticFiles.contentType("flv.min.js"));
        assertEquals("video/x-flv", StaticFiles.contentType("a.FLV"));
        assertEquals("application/vnd.apple.mpegurl", StaticFiles.contentType("a.m3u8"));
        assertEquals("video/MP2T", StaticFiles.contentType("a.ts"));
        assertEquals("image/x-icon", StaticFiles.contentType("favicon.ico"));
        assertEquals(null, StaticFiles.contentType("Makefile"));
    }
}
