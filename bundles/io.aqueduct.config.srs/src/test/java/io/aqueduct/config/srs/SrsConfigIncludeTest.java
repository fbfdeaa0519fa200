package io.aqueduct.config.srs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrsConfigIncludeTest {

    @TempDir
    Path dir;

    private final SrsConfigParser parser = new SrsConfigParser();

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void includeIsRelativeToTheIncludingFileAndKeepsItsOwnLocations() throws Exception {
        Path main = write("main.conf", "listen 1935;\nvhost a {\n  include sub/play.conf;\n}\nmax_connections 9;\n");
        Path play = write("sub/play.conf", "# play settings\nplay { gop_cache off; }\ninclude more.conf;\n");
        Path more = write("sub/more.conf", "chunk_size 4096;\n");

        ConfigNode root = parser.parse(main);

        assertEquals(List.of("listen", "vhost", "max_connections"),
                root.children().stream().map(ConfigNode::name).collect(Collectors.toList()));
        ConfigNode vhost = root.child("vhost").orElseThrow();
        assertEquals(List.of("play", "chunk_size"),
                vhost.children().stream().map(ConfigNode::name).collect(Collectors.toList()));
        assertEquals(play + ":2", vhost.child("play").orElseThrow().location());
        assertEquals(more + ":1", vhost.child("chunk_size").orElseThrow().location());
        assertEquals(main + ":5", root.child("max_connections").orElseThrow().location());
    }

    @Test
    void includeFromTextResolvesAgainstTheNamedFile() throws Exception {
        write("part.conf", "listen 19350;");

        ConfigNode root = parser.parse("include part.conf;", dir.resolve("virtual.conf"));

        assertEquals(List.of("19350"), root.child("listen").orElseThrow().args());
    }

    @Test
    void includeCycleIsDetected() throws Exception {
        Path a = write("a.conf", "listen 1;\ninclude b.conf;\n");
        Path b = write("b.conf", "\n\ninclude a.conf;\n");

        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(a));

        assertEquals(b + ":3: include cycle: a.conf -> b.conf -> a.conf", e.getMessage());
    }

    @Test
    void selfIncludeIsACycle() throws Exception {
        Path a = write("self.conf", "include self.conf;");

        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(a));

        assertEquals(a + ":1: include cycle: self.conf -> self.conf", e.getMessage());
    }

    @Test
    void includeDepthIsLimited() throws Exception {
        for (int i = 0; i < 4; i++) {
            write("d" + i + ".conf", "include d" + (i + 1) + ".conf;");
        }
        write("d4.conf", "listen 1;");
        SrsConfigParser limited = new SrsConfigParser(1024, 3, 16);

        ConfigException e = assertThrows(ConfigException.class, () -> limited.parse(dir.resolve("d0.conf")));

        assertEquals(dir.resolve("d3.conf") + ":1: includes nested deeper than 3", e.getMessage());
        assertEquals(List.of("1"), new SrsConfigParser(1024, 4, 16).parse(dir.resolve("d0.conf"))
                .child("listen").orElseThrow().args());
    }

    @Test
    void unreadableIncludeIsReportedAtTheIncludeLine() throws Exception {
        Path main = write("main.conf", "listen 1935;\n\ninclude missing.conf;\n");

        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(main));

        assertEquals(main + ":3: cannot read include '" + dir.resolve("missing.conf") + "': no such file",
                e.getMessage());
    }

    @Test
    void syntaxErrorInIncludedFileNamesThatFile() throws Exception {
        Path main = write("main.conf", "include broken.conf;\n");
        Path broken = write("broken.conf", "vhost x {\n");

        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(main));

        assertEquals(broken + ":1: unbalanced braces: block 'vhost' is not closed", e.getMessage());
    }

    @Test
    void includeNeedsExactlyOnePathAndNoBlock() throws Exception {
        Path twoArgs = write("two.conf", "include a b;");
        Path block = write("block.conf", "include a { }");

        assertEquals(twoArgs + ":1: include expects exactly one path",
                assertThrows(ConfigException.class, () -> parser.parse(twoArgs)).getMessage());
        assertEquals(block + ":1: include does not take a block",
                assertThrows(ConfigException.class, () -> parser.parse(block)).getMessage());
    }
}
