package io.aqueduct.config.srs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.config.srs.ReloadResult;
import io.aqueduct.config.srs.SeedConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component against an in-memory Configuration Admin: initial apply, live reloads, the pid file. */
class SrsConfigTranslatorTest {

    private static final String VHOST = "io.aqueduct.vhost~__defaultVhost__";
    private static final String EDGE = "io.aqueduct.edge~__defaultVhost__";

    @TempDir
    Path workDir;

    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();

    private Path file(String text) throws Exception {
        Path file = workDir.resolve("conf/aqueduct.conf");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private SrsConfigTranslator start() {
        return new SrsConfigTranslator(cm, "conf/aqueduct.conf", workDir);
    }

    @Test
    void activationWritesEveryConfigurationMarkedWithItsSource() throws Exception {
        Path file = file(SeedConfigs.text(SeedConfigs.EDGE));

        SrsConfigTranslator translator = start();

        assertEquals(Set.of("io.aqueduct.rtmp.server", "io.aqueduct.server",
                "io.aqueduct.http.server", VHOST, "io.aqueduct.httpflv.remux~__defaultVhost__", EDGE),
                cm.configurations.keySet());
        cm.configurations.keySet().forEach(pid -> {
            assertEquals("srs-config", cm.properties(pid).get("aqueduct.source"));
            assertEquals(file.toString(), cm.properties(pid).get("aqueduct.config.file"));
            assertEquals(1, cm.updateCount(pid));
        });
        assertEquals("io.aqueduct.edge", cm.properties(EDGE).get("service.factoryPid"));
        assertEquals(Path.of(file.toString()), translator.configFile().orElseThrow());
        assertEquals(cm.configurations.keySet(), translator.appliedConfigurations().keySet());
        assertFalse(translator.appliedConfigurations().get(EDGE).containsKey("service.pid"));
    }

    @Test
    void reloadWithoutChangesUpdatesNothing() throws Exception {
        file(SeedConfigs.text(SeedConfigs.SLAVE));
        SrsConfigTranslator translator = start();

        ReloadResult result = translator.reload();

        assertTrue(result.succeeded());
        assertEquals(List.of(), result.added());
        assertEquals(List.of(), result.updated());
        assertEquals(List.of(), result.deleted());
        assertEquals(5, result.unchanged().size());
        cm.configurations.keySet().forEach(pid -> assertEquals(1, cm.updateCount(pid), pid));
    }

    @Test
    void reloadAppliesOnlyTheDifferenceAndDeletesWhatIsGone() throws Exception {
        Path file = file(SeedConfigs.text(SeedConfigs.EDGE));
        SrsConfigTranslator translator = start();
        Files.writeString(file, SeedConfigs.text(SeedConfigs.EDGE2).replace("origin          127.0.0.1:19350",
                "origin 127.0.0.1:19350 127.0.0.1:19351") + "\nvhost second.example.com { }\n");

        ReloadResult result = translator.reload();

        assertEquals(List.of("io.aqueduct.vhost~second.example.com"), result.added());
        assertEquals(List.of("io.aqueduct.server", EDGE), result.updated());
        assertEquals(Set.of("io.aqueduct.http.server", "io.aqueduct.httpflv.remux~__defaultVhost__"),
                Set.copyOf(result.deleted()));
        assertEquals(Set.of("io.aqueduct.rtmp.server", VHOST),
                Set.copyOf(result.unchanged()));
        assertNull(cm.properties("io.aqueduct.http.server"));
        assertArrayEquals(new String[] {"127.0.0.1:19350", "127.0.0.1:19351"},
                (String[]) cm.properties(EDGE).get("origin"));
        assertEquals(1, cm.updateCount("io.aqueduct.rtmp.server"));
        assertEquals(2, cm.updateCount(EDGE));
    }

    @Test
    void syntaxErrorOnReloadKeepsTheRunningConfiguration() throws Exception {
        Path file = file(SeedConfigs.text(SeedConfigs.MASTER));
        SrsConfigTranslator translator = start();
        Map<String, Object> before = translator.appliedConfigurations().get("io.aqueduct.rtmp.server");
        Files.writeString(file, "listen 1936;\nvhost x {\n");

        ReloadResult result = translator.reload();

        assertFalse(result.succeeded());
        assertEquals(file + ":2: unbalanced braces: block 'vhost' is not closed", result.error().orElseThrow());
        assertEquals(before.toString(), translator.appliedConfigurations().get("io.aqueduct.rtmp.server")
                .toString());
        assertEquals(4, cm.configurations.size());
        assertTrue(cm.deletions.isEmpty());
        cm.configurations.keySet().forEach(pid -> assertEquals(1, cm.updateCount(pid), pid));
    }

    @Test
    void unparsableFileAtStartupAppliesNothingAndAFixedFileCanBeReloaded() throws Exception {
        Path file = file("listen 1935\n");

        SrsConfigTranslator translator = start();

        assertTrue(cm.configurations.isEmpty());
        Files.writeString(file, "listen 1935;\n");
        ReloadResult result = translator.reload();
        assertEquals(List.of("io.aqueduct.rtmp.server", "io.aqueduct.server"), result.added());
    }

    @Test
    void badValuesAreReportedButTheRestIsApplied() throws Exception {
        Path file = file("listen abc;\nmax_connections 10;\nfoo;\n");
        SrsConfigTranslator translator = start();

        ReloadResult result = translator.reload();

        assertEquals(List.of(file + ":1: bad value for 'listen': 'abc' is not a port, host:port or [ipv6]:port; "
                + "line rejected, default kept", file + ":3: unknown directive 'foo' ignored"), result.diagnostics());
        assertEquals(10, cm.properties("io.aqueduct.rtmp.server").get("max_connections"));
    }

    @Test
    void withoutTheFrameworkPropertyNothingIsTouched() {
        cm.put("io.aqueduct.rtmp.server", Map.of("aqueduct.source", "srs-config", "listen", new String[] {"1"}));

        SrsConfigTranslator translator = new SrsConfigTranslator(cm, null, workDir);

        assertTrue(translator.configFile().isEmpty());
        assertEquals(Set.of("io.aqueduct.rtmp.server"), cm.configurations.keySet());
        assertEquals("no configuration file given (framework property aqueduct.config)",
                translator.reload().error().orElseThrow());
    }

    @Test
    void configurationsFromAnEarlierFileAreDeletedButOthersAreKept() throws Exception {
        cm.put("io.aqueduct.forward~old", Map.of("aqueduct.source", "srs-config", "vhost", "old"));
        cm.put("com.example.other", Map.of("key", "value"));
        file("listen 1935;");

        start();

        assertEquals(List.of("io.aqueduct.forward~old"), cm.deletions);
        assertTrue(cm.configurations.containsKey("com.example.other"));
    }

    @Test
    void aConfigurationOwnedByFileInstallIsLeftAlone() throws Exception {
        cm.put("org.ops4j.pax.logging", Map.of("felix.fileinstall.filename", "file:/opt/aq/conf/x.cfg",
                "log4j2.rootLogger.level", "INFO"));
        file("srs_log_level warn;");

        ReloadResult result = start().reload();

        assertEquals(0, cm.updateCount("org.ops4j.pax.logging"));
        assertEquals("INFO", cm.properties("org.ops4j.pax.logging").get("log4j2.rootLogger.level"));
        assertEquals(List.of("org.ops4j.pax.logging is configured by file:/opt/aq/conf/x.cfg; the values from the "
                + "configuration file are not applied"), result.diagnostics());
    }

    @Test
    void pidFileIsWrittenMovedOnReloadAndDeletedOnDeactivation() throws Exception {
        Path file = file("pid ./objs/first.pid;");
        SrsConfigTranslator translator = start();
        Path first = workDir.resolve("objs/first.pid");
        String pid = ProcessHandle.current().pid() + "\n";
        assertEquals(pid, Files.readString(first));

        Files.writeString(file, "pid ./run/deeper/second.pid;");
        translator.reload();
        Path second = workDir.resolve("run/deeper/second.pid");
        assertFalse(Files.exists(first));
        assertEquals(pid, Files.readString(second));

        translator.deactivate();
        assertFalse(Files.exists(second));
    }

    @Test
    void logFileDirectoryIsCreated() throws Exception {
        file("srs_log_tank file;\nsrs_log_file ./logs/today/aqueduct.log;");

        start();

        assertTrue(Files.isDirectory(workDir.resolve("logs/today")));
        assertEquals(workDir.resolve("logs/today/aqueduct.log").toString(),
                cm.properties("org.ops4j.pax.logging").get("log4j2.appender.srs.fileName"));
    }
}
