package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assembled distribution starts headless from an SRS-style config, serves, and stops cleanly on SIGTERM. */
class DistributionIT {

    @Test
    void startsHeadlessListensAndExitsWithinTenSecondsOfSigterm() {
        int rtmpPort = FreePorts.pick();
        String config = Configs.rtmpServer("origin", rtmpPort);
        try (AqueductProcess server = AqueductProcess.startListening("origin", config, rtmpPort)) {
            assertTrue(server.isAlive(), "server exited after opening its port:\n" + server.log());
            assertTrue(Files.isDirectory(server.instanceDir().resolve("felix-cache")),
                    "framework cache not in the instance directory " + server.instanceDir());
            assertTrue(AqueductProcess.accepts(rtmpPort), "port closed again:\n" + server.log());

            long started = System.nanoTime();
            int exitCode = server.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(AqueductProcess.EXIT_CODE_SIGTERM, exitCode, "exit code after SIGTERM; log:\n" + server.log());
            assertFalse(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(AqueductProcess.accepts(rtmpPort), "port still open after exit");
            assertTrue(took.compareTo(AqueductProcess.STOP_TIMEOUT) < 0, "stop took " + took);
            assertEquals(List.of(), server.problemLines(), "problems in the log:\n" + server.log());
        }
    }

    @Test
    void refusesASecondServerOnARunningInstanceDirectory() {
        int rtmpPort = FreePorts.pick();
        String config = Configs.rtmpServer("origin", rtmpPort);
        try (AqueductProcess server = AqueductProcess.startListening("origin", config, rtmpPort)) {
            ToolResult result = MediaTools.run(Duration.ofSeconds(20), server.workDir(),
                    List.of(launcher(), "-c", server.config().toString()));

            assertEquals(2, result.exitCode(), result.describe());
            assertTrue(result.output().contains("already runs as pid " + server.pid()), result.describe());
            assertTrue(server.isAlive(), "the first server died:\n" + server.log());
        }
    }

    @Test
    void missingConfigFileIsAUsageError() {
        ToolResult result = MediaTools.run(Duration.ofSeconds(20), launcher(), "-c", "/nonexistent/aqueduct.conf");

        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.output().contains("config file not found: /nonexistent/aqueduct.conf"), result.describe());
    }

    private static String launcher() {
        return AqueductProcess.distribution().resolve("bin/aqueduct").toString();
    }
}
