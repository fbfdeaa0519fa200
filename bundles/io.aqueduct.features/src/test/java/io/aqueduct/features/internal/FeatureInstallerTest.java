package io.aqueduct.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.features.FeatureException;
import io.aqueduct.features.FeatureInfo;
import io.aqueduct.features.FeatureInfo.Activity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** Installing and uninstalling features in a real Felix framework, from a repository of tiny bundles. */
class FeatureInstallerTest {

    @TempDir
    Path temp;
    private TestFramework framework;
    private TestRepository repo;
    private FeatureInstaller installer;

    @BeforeEach
    void start() throws Exception {
        framework = new TestFramework(temp.resolve("cache"));
        repo = new TestRepository(temp);
        installer = new FeatureInstaller(framework.context(), repo.features, repo.repository);
    }

    @AfterEach
    void stop() throws Exception {
        framework.close();
    }

    @Test
    void installStartsEveryBundleOfTheFeatureFromTheRepository() throws Exception {
        repo.addBundle("io.aqueduct.a");
        repo.addBundle("io.aqueduct.b");
        repo.addFeature("pair", List.of("io.aqueduct.a", "io.aqueduct.b"), null);

        FeatureInfo info = installer.install("pair");

        assertEquals(new FeatureInfo("pair", "io.aqueduct:aqueduct-feature-pair:osgifeature:0.1.0-SNAPSHOT",
                List.of("io.aqueduct.a", "io.aqueduct.b"), true, Activity.YES, Optional.empty()), info);
        assertTrue(framework.isActive("io.aqueduct.a"));
        assertTrue(framework.isActive("io.aqueduct.b"));
        assertTrue(framework.bundle("io.aqueduct.a").getLocation().startsWith("file:"), "location is the jar's URI");
        assertEquals(List.of(info), installer.features());
    }

    @Test
    void installingAnInstalledFeatureChangesNothing() throws Exception {
        repo.addBundle("io.aqueduct.a");
        repo.addFeature("one", List.of("io.aqueduct.a"), null);
        installer.install("one");
        long id = framework.bundle("io.aqueduct.a").getBundleId();

        FeatureInfo again = installer.install("one");

        assertEquals(Activity.YES, again.active());
        assertEquals(id, framework.bundle("io.aqueduct.a").getBundleId());
    }

    @Test
    void aBundleMissingFromTheRepositoryFailsTheInstallWithItsNameAndInstallsNothing() throws Exception {
        repo.addBundle("io.aqueduct.edge.ingest");
        repo.addFeature("edge", List.of("io.aqueduct.edge.ingest", "io.aqueduct.edge.publish"), null);

        FeatureException e = assertThrows(FeatureException.class, () -> installer.install("edge"));

        assertEquals("feature edge: bundle io.aqueduct.edge.publish 0.1.0-SNAPSHOT is not in the repository "
                + repo.repository + " (expected io/aqueduct/io.aqueduct.edge.publish/0.1.0-SNAPSHOT/"
                + "io.aqueduct.edge.publish-0.1.0-SNAPSHOT.jar)", e.getMessage());
        assertNull(framework.bundle("io.aqueduct.edge.ingest"));
        FeatureInfo info = installer.features().get(0);
        assertFalse(info.installed());
        assertEquals(Activity.NO, info.active());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() throws Exception {
        repo.addFeature("origin", List.of("io.aqueduct.a"), null);
        repo.addFeature("http-flv", List.of("io.aqueduct.b"), null);

        FeatureException e = assertThrows(FeatureException.class, () -> installer.install("x"));

        assertEquals("unknown feature 'x'; known: http-flv, origin", e.getMessage());
        assertThrows(FeatureException.class, () -> installer.uninstall("x"));
    }

    @Test
    void aBundleThatCannotStartRollsTheWholeFeatureBack() throws Exception {
        repo.addBundle("io.aqueduct.a");
        repo.addBundle("io.aqueduct.broken", "io.aqueduct.broken", "io.aqueduct.nowhere");
        repo.addFeature("bad", List.of("io.aqueduct.a", "io.aqueduct.broken"), null);

        FeatureException e = assertThrows(FeatureException.class, () -> installer.install("bad"));

        assertTrue(e.getMessage().startsWith("feature bad not installed: bundle io.aqueduct.broken failed: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("io.aqueduct.nowhere"), e.getMessage());
        assertNull(framework.bundle("io.aqueduct.a"));
        assertNull(framework.bundle("io.aqueduct.broken"));
    }

    @Test
    void aJarHoldingAnotherBundleIsRefused() throws Exception {
        repo.addBundle("io.aqueduct.a", "io.aqueduct.impostor", null);
        repo.addFeature("one", List.of("io.aqueduct.a"), null);

        FeatureException e = assertThrows(FeatureException.class, () -> installer.install("one"));

        assertTrue(e.getMessage().contains("holds bundle io.aqueduct.impostor, not io.aqueduct.a"), e.getMessage());
        assertNull(framework.bundle("io.aqueduct.impostor"));
    }

    @Test
    void uninstallKeepsBundlesAnotherInstalledFeatureNeeds() throws Exception {
        repo.addBundle("io.aqueduct.shared");
        repo.addBundle("io.aqueduct.x");
        repo.addBundle("io.aqueduct.y");
        repo.addFeature("fx", List.of("io.aqueduct.shared", "io.aqueduct.x"), null);
        repo.addFeature("fy", List.of("io.aqueduct.shared", "io.aqueduct.y"), null);
        installer.install("fx");
        installer.install("fy");

        FeatureInfo fx = installer.uninstall("fx");

        assertFalse(fx.installed());
        assertNull(framework.bundle("io.aqueduct.x"));
        assertTrue(framework.isActive("io.aqueduct.shared"), "still needed by fy");
        assertTrue(framework.isActive("io.aqueduct.y"));

        installer.uninstall("fy");

        assertNull(framework.bundle("io.aqueduct.shared"));
        assertNull(framework.bundle("io.aqueduct.y"));
    }

    @Test
    void uninstallLeavesBundlesThatDidNotComeFromTheRepository() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("bundle")).resolve("core.jar");
        TestRepository.writeBundle(elsewhere, "io.aqueduct.core", null);
        Bundle core = framework.context().installBundle(elsewhere.toUri().toString());
        core.start();
        repo.addBundle("io.aqueduct.extra");
        repo.addFeature("origin", List.of("io.aqueduct.core"), null);
        repo.addFeature("extra", List.of("io.aqueduct.core", "io.aqueduct.extra"), null);

        assertTrue(installer.features().get(1).installed(), "origin counts as installed: its bundle is there");
        installer.install("extra");
        installer.uninstall("extra");

        assertTrue(framework.isActive("io.aqueduct.core"));
        assertNull(framework.bundle("io.aqueduct.extra"));
        FeatureException e = assertThrows(FeatureException.class, () -> installer.uninstall("origin"));
        assertTrue(e.getMessage().startsWith("feature origin: no bundle uninstalled; kept io.aqueduct.core (not "
                + "installed by features: "), e.getMessage());
    }

    @Test
    void uninstallingAFeatureThatIsNotInstalledIsAnError() throws Exception {
        repo.addFeature("forward", List.of("io.aqueduct.forward"), null);

        FeatureException e = assertThrows(FeatureException.class, () -> installer.uninstall("forward"));

        assertEquals("feature forward is not installed", e.getMessage());
    }

    @Test
    void aStoppedBundleMakesTheFeaturePartlyActiveAndInstallStartsItAgain() throws Exception {
        repo.addBundle("io.aqueduct.a");
        repo.addBundle("io.aqueduct.b");
        repo.addFeature("pair", List.of("io.aqueduct.a", "io.aqueduct.b"), null);
        installer.install("pair");
        framework.bundle("io.aqueduct.b").stop();

        assertEquals(Activity.PARTIAL, installer.features().get(0).active());
        assertEquals(Activity.YES, installer.install("pair").active());
    }

    @Test
    void anUnreadableFeatureFileIsReportedAndTheOthersStayUsable() throws Exception {
        repo.addBundle("io.aqueduct.a");
        repo.addFeature("good", List.of("io.aqueduct.a"), null);
        Files.writeString(repo.features.resolve("broken.json"), "{ \"id\": ");

        assertEquals(List.of("good"), installer.features().stream().map(FeatureInfo::name).toList());
        assertEquals(1, installer.problems().size());
        assertTrue(installer.problems().get(0).contains("broken.json: line 1"), installer.problems().toString());
        assertNotNull(installer.install("good"));
    }
}
