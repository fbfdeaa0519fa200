package io.aqueduct.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What feature:list, feature:install and feature:uninstall print, over a real Felix framework. */
class FeatureCommandsTest {

    @TempDir
    Path temp;
    private TestFramework framework;
    private TestRepository repo;
    private FeatureCommands commands;

    @BeforeEach
    void start() throws Exception {
        framework = new TestFramework(temp.resolve("cache"));
        repo = new TestRepository(temp);
        repo.addBundle("io.aqueduct.httpflv");
        repo.addBundle("io.aqueduct.edge.ingest");
        repo.addBundle("io.aqueduct.edge.publish", "io.aqueduct.edge.publish", "io.aqueduct.nowhere");
        repo.addFeature("http-flv", List.of("io.aqueduct.httpflv"),
                "{ \"directive\": \"http_remux\", \"factoryPid\": \"io.aqueduct.httpflv.remux\" }");
        repo.addFeature("forward", List.of("io.aqueduct.forward"), null);
        repo.addFeature("edge", List.of("io.aqueduct.edge.ingest", "io.aqueduct.edge.publish"), null);
        commands = new FeatureCommands(new FeatureInstaller(framework.context(), repo.features, repo.repository));
    }

    @AfterEach
    void stop() throws Exception {
        framework.close();
    }

    @Test
    void listShowsEveryFeatureWithItsStateInColumns() {
        assertEquals("feature http-flv installed\ninstalled: yes, active: yes\n", commands.install("http-flv"));

        assertEquals("""
                NAME      BUNDLES                                           INSTALLED  ACTIVE  TRIGGER
                edge      io.aqueduct.edge.ingest,io.aqueduct.edge.publish  no         no      -
                forward   io.aqueduct.forward                               no         no      -
                http-flv  io.aqueduct.httpflv                               yes        yes     http_remux
                """,
                commands.list());
    }

    @Test
    void installAndUninstallReportErrorsAsOneLine() {
        assertEquals("unknown feature 'x'; known: edge, forward, http-flv", failure(() -> commands.install("x")));
        assertEquals("feature forward: bundle io.aqueduct.forward 0.1.0-SNAPSHOT is not in the repository "
                + repo.repository + " (expected io/aqueduct/io.aqueduct.forward/0.1.0-SNAPSHOT/"
                + "io.aqueduct.forward-0.1.0-SNAPSHOT.jar)", failure(() -> commands.install("forward")));
        assertEquals("feature forward is not installed", failure(() -> commands.uninstall("forward")));
        String startFailure = failure(() -> commands.install("edge"));
        assertTrue(startFailure.startsWith("feature edge not installed: bundle io.aqueduct.edge.publish "
                + "failed: "), startFailure);
        assertEquals(1, startFailure.lines().count(), startFailure);
    }

    private static String failure(org.junit.jupiter.api.function.Executable command) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, command).getMessage();
    }

    @Test
    void uninstallRemovesTheFeaturesBundles() {
        commands.install("http-flv");

        assertEquals("feature http-flv uninstalled\ninstalled: no, active: no\n", commands.uninstall("http-flv"));
        assertEquals(null, framework.bundle("io.aqueduct.httpflv"));
    }

    @Test
    void listNamesUnreadableFiles() throws Exception {
        Files.writeString(repo.features.resolve("typo.json"), "{ \"id\": \"io.aqueduct:wrong:1.0\", \"bundles\": [] }");

        String list = commands.list();

        assertTrue(list.contains("unreadable feature file: " + repo.features.resolve("typo.json") + ": feature id "
                + "io.aqueduct:wrong:1.0 is not io.aqueduct:aqueduct-feature-NAME:osgifeature:VERSION"), list);
    }
}
