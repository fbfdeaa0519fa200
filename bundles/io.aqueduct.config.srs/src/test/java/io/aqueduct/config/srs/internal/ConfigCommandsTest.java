package io.aqueduct.config.srs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandsTest {

    @TempDir
    Path workDir;

    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();

    @Test
    void configPrintsTheFileAndEveryConfigurationSorted() throws Exception {
        Path file = workDir.resolve("a.conf");
        Files.writeString(file, "listen 1935 19350;\nvhost b { }\nvhost a { }\n");
        ConfigCommands commands = new ConfigCommands(new SrsConfigTranslator(cm, file.toString(), workDir));

        String out = commands.config();

        assertTrue(out.startsWith("config file: " + file + "\nio.aqueduct.rtmp.server\n"
                + "  aqueduct.config.file = " + file + "\n  aqueduct.source = srs-config\n  chunk_size = 60000\n"
                + "  listen = [1935, 19350]\n  max_connections = 1000\nio.aqueduct.server\n"), out);
        assertTrue(out.indexOf("io.aqueduct.vhost~a\n") < out.indexOf("io.aqueduct.vhost~b\n"), out);
    }

    @Test
    void configWithoutFileSaysHowToGiveOne() {
        ConfigCommands commands = new ConfigCommands(new SrsConfigTranslator(cm, null, workDir));

        assertEquals("config file: (none: set the framework property aqueduct.config)\n"
                + "no configurations written from the file\n", commands.config());
    }

    @Test
    void reloadPrintsWhatChanged() throws Exception {
        Path file = workDir.resolve("a.conf");
        Files.writeString(file, "listen 1935;\nvhost a { }\n");
        ConfigCommands commands = new ConfigCommands(new SrsConfigTranslator(cm, file.toString(), workDir));
        Files.writeString(file, "listen 1936;\nvhost b { }\nfoo;\n");

        assertEquals("added: io.aqueduct.vhost~b\nupdated: io.aqueduct.rtmp.server\ndeleted: io.aqueduct.vhost~a\n"
                + "unchanged: 1\n" + file + ":3: unknown directive 'foo' ignored\n", commands.reload());
    }

    @Test
    void reloadPrintsTheSyntaxErrorWithItsLocation() throws Exception {
        Path file = workDir.resolve("a.conf");
        Files.writeString(file, "listen 1935;\n");
        ConfigCommands commands = new ConfigCommands(new SrsConfigTranslator(cm, file.toString(), workDir));
        Files.writeString(file, "listen 1935;\nmax_connections 5\n");

        assertEquals("reload failed, running configuration kept: " + file + ":2: missing ';' after "
                + "'max_connections'\n", commands.reload());
    }
}
