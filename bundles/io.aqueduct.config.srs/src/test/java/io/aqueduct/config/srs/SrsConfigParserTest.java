package io.aqueduct.config.srs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SrsConfigParserTest {

    private final SrsConfigParser parser = new SrsConfigParser();

    private ConfigNode parse(String text) throws ConfigException {
        return parser.parse(text, Path.of("test.conf"));
    }

    private static List<String> names(ConfigNode block) {
        return block.children().stream().map(ConfigNode::name).collect(Collectors.toList());
    }

    @Test
    void masterSeedWithForwardBlockOnOneLine() throws Exception {
        ConfigNode root = parser.parse(SeedConfigs.text(SeedConfigs.MASTER), Path.of("master.conf"));

        assertEquals(List.of("listen", "max_connections", "pid", "daemon", "srs_log_tank", "vhost"), names(root));
        assertEquals(List.of("1935"), root.child("listen").orElseThrow().args());
        ConfigNode vhost = root.child("vhost").orElseThrow();
        assertEquals(List.of("__defaultVhost__"), vhost.args());
        assertEquals(6, vhost.line());
        ConfigNode forward = vhost.child("forward").orElseThrow();
        assertTrue(forward.isBlock());
        assertEquals(List.of("enabled", "destination"), names(forward));
        assertEquals(List.of("127.0.0.1:19350"), forward.child("destination").orElseThrow().args());
        assertEquals("master.conf:6", forward.child("destination").orElseThrow().location());
    }

    @Test
    void slaveSeedCommentsSwallowTheRestOfTheirLine() throws Exception {
        ConfigNode root = parser.parse(SeedConfigs.text(SeedConfigs.SLAVE), Path.of("slave.conf"));

        ConfigNode http = root.child("http_server").orElseThrow();
        // "# HTTP服务端口dir ./objs/nginx/html;" is one comment in the article's text: dir is gone.
        assertEquals(List.of("enabled", "listen"), names(http));
        assertEquals(List.of("8080"), http.child("listen").orElseThrow().args());
        ConfigNode remux = root.child("vhost").orElseThrow().child("http_remux").orElseThrow();
        assertEquals(List.of("enabled", "mount"), names(remux));
        assertEquals(List.of("[vhost]/[app]/[stream].flv"), remux.child("mount").orElseThrow().args());
        assertEquals(7, remux.line());
    }

    @Test
    void originEdgeAndEdge2SeedsParse() throws Exception {
        ConfigNode origin = parser.parse(SeedConfigs.text(SeedConfigs.ORIGIN), Path.of("origin.conf"));
        assertEquals(List.of("8081"),
                origin.child("http_server").orElseThrow().child("listen").orElseThrow().args());

        ConfigNode edge = parser.parse(SeedConfigs.text(SeedConfigs.EDGE), Path.of("edge.conf"));
        ConfigNode vhost = edge.child("vhost").orElseThrow();
        assertEquals(List.of("cluster", "http_remux"), names(vhost));
        assertEquals(List.of("remote"), vhost.child("cluster").orElseThrow().child("mode").orElseThrow().args());

        ConfigNode edge2 = parser.parse(SeedConfigs.text(SeedConfigs.EDGE2), Path.of("edge2.conf"));
        assertEquals(List.of("127.0.0.1:19350"), edge2.child("vhost").orElseThrow().child("cluster").orElseThrow()
                .child("origin").orElseThrow().args());
    }

    @Test
    void everythingOnOneLine() throws Exception {
        ConfigNode root = parse("listen 1935 19350;vhost a {play{gop_cache off;}}vhost b{}");

        assertEquals(List.of("listen", "vhost", "vhost"), names(root));
        assertEquals(List.of("1935", "19350"), root.children().get(0).args());
        assertEquals(List.of("off"), root.children().get(1).child("play").orElseThrow().child("gop_cache")
                .orElseThrow().args());
        ConfigNode empty = root.children().get(2);
        assertTrue(empty.isBlock());
        assertTrue(empty.children().isEmpty());
        assertFalse(root.children().get(0).isBlock());
    }

    @Test
    void quotedValuesWithEscapes() throws Exception {
        ConfigNode root = parse("a \"x y;{}#\" 'it\\'s' \"q\\\"\\\\\\n\\t\";\nb '';");

        assertEquals(List.of("x y;{}#", "it's", "q\"\\\n\t"), root.children().get(0).args());
        assertEquals(List.of(""), root.children().get(1).args());
        assertEquals(2, root.children().get(1).line());
    }

    @Test
    void commentsRunToTheEndOfTheLineButNotInsideWords() throws Exception {
        ConfigNode root = parse("# header\nlisten 1935; # trailing { ; }\nbackend http://h/p#frag;\r\n  #x\nz;");

        assertEquals(List.of("listen", "backend", "z"), names(root));
        assertEquals(List.of("http://h/p#frag"), root.children().get(1).args());
        assertEquals(5, root.children().get(2).line());
    }

    @Test
    void byteOrderMarkAndNoBreakSpacesAreBlanks() throws Exception {
        ConfigNode root = parse("\uFEFFlisten\u00A01935;");

        assertEquals("listen", root.children().get(0).name());
        assertEquals(List.of("1935"), root.children().get(0).args());
    }

    @Test
    void locationsCountLinesInsideQuotedValues() throws Exception {
        ConfigNode root = parse("a \"1\n2\";\nb;");

        assertEquals(1, root.children().get(0).line());
        assertEquals(3, root.children().get(1).line());
    }

    @Test
    void parsesFromFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("srs.conf");
        java.nio.file.Files.writeString(file, "listen 1935;\n");

        ConfigNode root = parser.parse(file);

        assertEquals(file, root.file());
        assertEquals(file + ":1", root.children().get(0).location());
    }
}
