package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    void memoryGoesBackToTheSystemAndTheHeapStartsSmallUnlessTheUserSizesIt() throws Exception {
        int rtmpPort = FreePorts.pick();
        String config = Configs.rtmpServer("origin", rtmpPort);
        try (AqueductProcess server = AqueductProcess.start("origin", config,
                Map.of("AQUEDUCT_OPTS", "-Dio.netty.leakDetection.level=paranoid")).awaitListening(rtmpPort)) {
            List<String> jvm = commandLine(server.pid());
            assertTrue(jvm.contains("-Xms32m"), "no small initial heap: " + jvm);
            if (jvm.contains("-XX:+UseShenandoahGC")) {
                assertTrue(jvm.contains("-XX:ShenandoahUncommitDelay=1000"), "empty heap not given back: " + jvm);
            }
            // Netty's freed direct chunks must go back to the system, not stay in glibc's arenas.
            String environment = Files.readString(Path.of("/proc/" + server.pid() + "/environ"),
                    StandardCharsets.UTF_8);
            String own = System.getenv("MALLOC_MMAP_THRESHOLD_"); // a value set for the tests is kept
            String expected = "MALLOC_MMAP_THRESHOLD_=" + (own != null && !own.isEmpty() ? own : "131072");
            assertTrue(Arrays.asList(environment.split("\0")).contains(expected),
                    "no fixed mmap threshold in the server's environment");
        }
        // A maximum under our initial size would make the JVM refuse to start: the user's sizing replaces ours.
        int otherPort = FreePorts.pick();
        try (AqueductProcess server = AqueductProcess.start("small", Configs.rtmpServer("small", otherPort),
                Map.of("AQUEDUCT_OPTS", "-Dio.netty.leakDetection.level=paranoid -Xmx24m"))
                .awaitListening(otherPort)) {
            List<String> jvm = commandLine(server.pid());
            assertTrue(jvm.contains("-Xmx24m"), "user's heap size lost: " + jvm);
            assertFalse(jvm.contains("-Xms32m"), "our initial heap kept beside the user's size: " + jvm);
        }
    }

    @Test
    void missingConfigFileIsAUsageError() {
        ToolResult result = MediaTools.run(Duration.ofSeconds(20), launcher(), "-c", "/nonexistent/aqueduct.conf");

        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.output().contains("config file not found: /nonexistent/aqueduct.conf"), result.describe());
    }

    /** The server's JVM arguments: bin/aqueduct execs java, so the launcher's pid is the JVM's. */
    private static List<String> commandLine(long pid) throws IOException {
        String raw = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8);
        return Arrays.asList(raw.split("\0"));
    }

    private static String launcher() {
        return AqueductProcess.distribution().resolve("bin/aqueduct").toString();
    }
}
