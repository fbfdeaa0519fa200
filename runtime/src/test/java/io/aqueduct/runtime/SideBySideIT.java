package io.aqueduct.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two servers with different configs run side by side from one distribution, each with its own state. */
class SideBySideIT {

    @Test
    void originAndEdgeRunSideBySideAndStopIndependently() {
        int originPort = FreePorts.pick();
        int edgePort = FreePorts.pick();
        try (AqueductProcess origin = AqueductProcess.start("origin", Configs.rtmpServer("origin", originPort));
             AqueductProcess edge = AqueductProcess.start("edge", Configs.rtmpServer("edge", edgePort))) {
            origin.awaitListening(originPort);
            edge.awaitListening(edgePort);

            assertNotEquals(origin.pid(), edge.pid());
            assertNotEquals(origin.instanceDir(), edge.instanceDir());
            assertTrue(Files.isDirectory(origin.instanceDir().resolve("felix-cache")), origin.instanceDir().toString());
            assertTrue(Files.isDirectory(edge.instanceDir().resolve("felix-cache")), edge.instanceDir().toString());

            assertEquals(AqueductProcess.EXIT_CODE_SIGTERM, origin.stop(), origin.log());

            assertTrue(edge.isAlive(), "edge died with the origin:\n" + edge.log());
            assertTrue(AqueductProcess.accepts(edgePort), "edge stopped listening:\n" + edge.log());
            assertEquals(AqueductProcess.EXIT_CODE_SIGTERM, edge.stop(), edge.log());
            assertEquals(List.of(), origin.problemLines(), origin.log());
            assertEquals(List.of(), edge.problemLines(), edge.log());
        }
    }

    @Test
    void twoConfigsInOneWorkingDirectoryGetAnInstanceDirectoryEach() throws IOException {
        int firstPort = FreePorts.pick();
        int secondPort = FreePorts.pick();
        String firstConfig = Configs.rtmpServer("first", firstPort);
        try (AqueductProcess first = AqueductProcess.startListening("first", firstConfig, firstPort)) {
            Path workDir = first.workDir();
            Files.writeString(workDir.resolve("second.conf"), Configs.rtmpServer("second", secondPort));
            List<String> command = List.of(AqueductProcess.distribution().resolve("bin/aqueduct").toString(),
                    "-c", "second.conf");

            try (BackgroundTool second = BackgroundTool.start(command, workDir, workDir.resolve("second.log"))) {
                Await.until(AqueductProcess.STARTUP_TIMEOUT, () -> AqueductProcess.accepts(secondPort),
                        () -> "second never listened on " + secondPort + ":\n" + second.output());

                assertTrue(Files.isDirectory(workDir.resolve("objs/aqueduct/first/felix-cache")));
                assertTrue(Files.isDirectory(workDir.resolve("objs/aqueduct/second/felix-cache")));
                assertTrue(first.isAlive(), first.log());
            }
            assertTrue(AqueductProcess.accepts(firstPort), "first stopped with second:\n" + first.log());
        }
    }
}
