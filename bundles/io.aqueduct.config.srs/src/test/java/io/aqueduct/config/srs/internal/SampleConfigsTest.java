package io.aqueduct.config.srs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.config.srs.SeedConfigs;
import io.aqueduct.config.srs.SrsConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sample configurations shipped in the repository's conf/ directory. */
class SampleConfigsTest {

    private static final Path CONF = Path.of(System.getProperty("basedir", ".")).resolve("../../conf").normalize();
    private static final Path WORK_DIR = Path.of("/srv/aqueduct");

    private static Translation translate(Path file) throws Exception {
        return ConfigTranslation.translate(new SrsConfigParser().parse(file), file, WORK_DIR);
    }

    @Test
    void everySampleParsesAndTranslatesWithoutWarnings() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(CONF)) {
            files = list.filter(p -> p.toString().endsWith(".conf")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.contains(CONF.resolve("aqueduct.conf")), "conf/aqueduct.conf in " + files);
        for (Path file : files) {
            assertEquals(List.of(), translate(file).diagnostics(), file.toString());
        }
    }

    @Test
    void theDefaultIsAnOriginWithHttpFlv() throws Exception {
        Translation t = translate(CONF.resolve("aqueduct.conf"));

        assertEquals(List.of("1935"), List.of((String[]) t.get("io.aqueduct.rtmp.server").get("listen")));
        assertEquals(List.of("8080"), List.of((String[]) t.get("io.aqueduct.http.server").get("listen")));
        assertEquals(true, t.get("io.aqueduct.http.server").get("enabled"));
        assertEquals(true, t.get("io.aqueduct.httpflv.remux~__defaultVhost__").get("enabled"));
        assertEquals(null, t.get("io.aqueduct.edge~__defaultVhost__"));
    }

    @Test
    void formattedSeedSamplesTranslateLikeTheArticleText() throws Exception {
        Map<String, String> samples = Map.of("forward.master.conf", SeedConfigs.MASTER, "forward.slave.conf",
                SeedConfigs.SLAVE, "origin.conf", SeedConfigs.ORIGIN, "edge.conf", SeedConfigs.EDGE, "edge2.conf",
                SeedConfigs.EDGE2);
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            Path file = CONF.resolve(sample.getKey());
            Translation formatted = translate(file);
            Translation article = ConfigTranslation.translate(
                    new SrsConfigParser().parse(SeedConfigs.text(sample.getValue()), file), file, WORK_DIR);
            assertEquals(comparable(article), comparable(formatted), sample.getKey());
        }
    }

    /** PID to properties with arrays shown as lists, so two translations compare with equals. */
    private static Map<String, String> comparable(Translation t) {
        Map<String, String> result = new TreeMap<>();
        t.configurations().forEach((target, properties) -> {
            Map<String, Object> sorted = new TreeMap<>();
            properties.forEach((k, v) -> sorted.put(k, v instanceof String[] ? List.of((String[]) v) : v));
            result.put(target.pid(), sorted.toString());
        });
        return result;
    }
}
