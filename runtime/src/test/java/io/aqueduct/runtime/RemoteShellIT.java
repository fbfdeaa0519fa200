package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/aqueduct shell -c CONF COMMAND} drives a running server from another process: it finds the server
 * through the instance directory of CONF (relative to the working directory, like the server's), runs the
 * command in the server's Gogo shell and exits with its status.
 */
class RemoteShellIT {

    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void runsOneCommandOfARunningServerAndExitsWithItsStatus() throws IOException {
        int rtmpPort = FreePorts.pick();
        try (AqueductProcess server = AqueductProcess.startListening("managed",
                Configs.rtmpServer("managed", rtmpPort), rtmpPort)) {
            Path stateFile = server.instanceDir().resolve("shell.port");
            Await.until(AqueductProcess.STARTUP_TIMEOUT, () -> Files.exists(stateFile),
                    () -> "no " + stateFile + "; log:\n" + server.log());
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(stateFile));

            ToolResult streams = shell(server, "aqueduct:streams");
            assertEquals(0, streams.exitCode(), streams.describe());
            assertEquals("no streams\n", streams.output(), streams.describe());

            ToolResult kick = shell(server, "aqueduct:kick 999");
            assertEquals(1, kick.exitCode(), kick.describe());
            assertTrue(kick.output().contains("no client with id 999"), kick.describe());
            assertFalse(kick.output().contains("\tat "), "a stack trace:\n" + kick.describe());

            ToolResult bundles = shell(server, "lb");
            assertEquals(0, bundles.exitCode(), bundles.describe());
            assertTrue(bundles.output().contains("Active") && bundles.output().contains("Aqueduct :: Remote shell"),
                    bundles.describe());

            // the distribution's gosh_profile runs in remote sessions too: BundleContext methods are commands
            ToolResult property = shell(server, "getProperty", "aqueduct.config");
            assertEquals(0, property.exitCode(), property.describe());
            assertEquals(server.config().toRealPath() + "\n", property.output(), property.describe());

            server.stop();
            assertFalse(Files.exists(stateFile), "shell.port left after the server stopped");
            assertEquals(List.of(), server.problemLines(), "problems in the log:\n" + server.log());
        }
    }

    @Test
    void withoutARunningServerTheShellSaysSoAndExitsTwo() throws IOException {
        Path workDir = WorkDirs.newDirectory("no-server");
        Files.writeString(workDir.resolve("idle.conf"), Configs.rtmpServer("idle", FreePorts.pick()));

        ToolResult result = MediaTools.run(SHELL_TIMEOUT, workDir,
                List.of(launcher(), "shell", "-c", "idle.conf", "aqueduct:streams"));

        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.output().contains("no running server for idle.conf"), result.describe());
    }

    /** Runs {@code bin/aqueduct shell -c CONF COMMAND...} in the server's working directory. */
    private static ToolResult shell(AqueductProcess server, String... command) {
        String config = server.config().getFileName().toString();
        List<String> line = new ArrayList<>(List.of(launcher(), "shell", "-c", config));
        line.addAll(List.of(command));
        ToolResult result = MediaTools.run(SHELL_TIMEOUT, server.workDir(), line);
        assertFalse(result.timedOut(), result.describe());
        return result;
    }

    private static String launcher() {
        return AqueductProcess.distribution().resolve("bin/aqueduct").toString();
    }
}
