package io.aqueduct.features.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.testing.Await;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;

/**
 * The configuration installs the features it needs: http_remux enabled, forward enabled, cluster mode remote. The
 * shipped triggers (http-flv, forward, edge) over tiny bundles in a real Felix framework.
 */
class ConfigurationTriggerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String HTTP_FLV_TRIGGER = """
            { "directive": "http_remux", "factoryPid": "io.aqueduct.httpflv.remux", "filter": "(enabled=true)" }""";
    private static final String FORWARD_TRIGGER = """
            { "directive": "forward", "factoryPid": "io.aqueduct.forward", "filter": "(enabled=true)" }""";
    private static final String EDGE_TRIGGER = """
            { "directive": "cluster.mode remote", "factoryPid": "io.aqueduct.edge", "filter": "(mode=remote)" }""";

    @TempDir
    Path temp;
    private TestFramework framework;
    private FeatureInstaller installer;
    private final FakeConfigurationAdmin configurations = new FakeConfigurationAdmin();
    private ConfigurationTrigger trigger;

    @BeforeEach
    void start() throws Exception {
        framework = new TestFramework(temp.resolve("cache"));
        TestRepository repo = new TestRepository(temp);
        repo.addBundle("io.aqueduct.httpflv");
        repo.addBundle("io.aqueduct.edge.ingest");
        repo.addBundle("io.aqueduct.edge.publish");
        // io.aqueduct.forward is not in the repository, as before that module is built.
        repo.addFeature("http-flv", List.of("io.aqueduct.httpflv"), HTTP_FLV_TRIGGER);
        repo.addFeature("forward", List.of("io.aqueduct.forward"), FORWARD_TRIGGER);
        repo.addFeature("edge", List.of("io.aqueduct.edge.ingest", "io.aqueduct.edge.publish"), EDGE_TRIGGER);
        repo.addFeature("origin", List.of("io.aqueduct.core"), null);
        installer = new FeatureInstaller(framework.context(), repo.features, repo.repository);
    }

    @AfterEach
    void stop() throws Exception {
        if (trigger != null) {
            trigger.deactivate();
        }
        framework.close();
    }

    @Test
    void anEnabledHttpRemuxInstallsHttpFlvAtActivation() {
        configurations.putFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", Map.of("enabled", true));

        trigger = new ConfigurationTrigger(installer, configurations);

        Await.until(TIMEOUT, () -> framework.isActive("io.aqueduct.httpflv"), "http-flv was not installed");
    }

    @Test
    void disabledOrLocalBlocksInstallNothing() throws Exception {
        configurations.putFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", Map.of("enabled", false));
        configurations.putFactory("io.aqueduct.edge", "__defaultVhost__", Map.of("mode", "local"));

        trigger = new ConfigurationTrigger(installer, configurations);
        // A pass on the test thread: when it returns, the configuration has been looked at.
        trigger.installWanted();

        assertNull(framework.bundle("io.aqueduct.httpflv"));
        assertNull(framework.bundle("io.aqueduct.edge.ingest"));
    }

    @Test
    void aConfigurationWrittenLaterInstallsOnItsEvent() {
        trigger = new ConfigurationTrigger(installer, configurations);

        configurations.putFactory("io.aqueduct.edge", "live", Map.of("mode", "remote", "origin", "127.0.0.1:19350"));
        trigger.configurationEvent(updated("io.aqueduct.edge", "io.aqueduct.edge~live"));

        Await.until(TIMEOUT, () -> framework.isActive("io.aqueduct.edge.ingest")
                && framework.isActive("io.aqueduct.edge.publish"), "edge was not installed");
    }

    @Test
    void aFeatureMissingFromTheRepositoryDoesNotStopTheOthers() {
        configurations.putFactory("io.aqueduct.forward", "__defaultVhost__", Map.of("enabled", true));
        configurations.putFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", Map.of("enabled", true));

        trigger = new ConfigurationTrigger(installer, configurations);

        Await.until(TIMEOUT, () -> framework.isActive("io.aqueduct.httpflv"), "http-flv was not installed");
        assertNull(framework.bundle("io.aqueduct.forward"));
    }

    @Test
    void afterTheOperatorUninstallsAFeatureTheConfigurationDoesNotBringItBackUntilInstalledByHand()
            throws Exception {
        configurations.putFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", Map.of("enabled", true));
        trigger = new ConfigurationTrigger(installer, configurations);
        Await.until(TIMEOUT, () -> framework.isActive("io.aqueduct.httpflv"), "http-flv was not installed");

        installer.uninstall("http-flv");
        trigger.installWanted();

        assertNull(framework.bundle("io.aqueduct.httpflv"));
        installer.install("http-flv");
        assertTrue(framework.isActive("io.aqueduct.httpflv"));
    }

    @Test
    void removingTheDirectiveNeverUninstalls() throws Exception {
        configurations.putFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", Map.of("enabled", true));
        trigger = new ConfigurationTrigger(installer, configurations);
        Await.until(TIMEOUT, () -> framework.isActive("io.aqueduct.httpflv"), "http-flv was not installed");

        configurations.putFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", Map.of("enabled", false));
        trigger.configurationEvent(updated("io.aqueduct.httpflv.remux", "io.aqueduct.httpflv.remux~__defaultVhost__"));
        trigger.installWanted();

        assertTrue(framework.isActive("io.aqueduct.httpflv"));
    }

    @SuppressWarnings("unchecked")
    private static ConfigurationEvent updated(String factoryPid, String pid) {
        ServiceReference<ConfigurationAdmin> reference = (ServiceReference<ConfigurationAdmin>) Proxy.newProxyInstance(
                ServiceReference.class.getClassLoader(), new Class<?>[] { ServiceReference.class },
                (proxy, method, args) -> method.getName().equals("hashCode") ? 0 : null);
        return new ConfigurationEvent(reference, ConfigurationEvent.CM_UPDATED, factoryPid, pid);
    }
}
