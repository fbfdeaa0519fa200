package io.aqueduct.features.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** A real Apache Felix framework for one test, with its cache in a temporary directory. */
final class TestFramework implements AutoCloseable {

    private final Framework framework;

    TestFramework(Path storage) throws BundleException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the test class path"));
        framework = factory.newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "felix.log.level", "1"));
        framework.start();
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** The installed bundle with that symbolic name, or null. */
    Bundle bundle(String symbolicName) {
        return Arrays.stream(context().getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED)
                .findFirst().orElse(null);
    }

    boolean isActive(String symbolicName) {
        Bundle bundle = bundle(symbolicName);
        return bundle != null && bundle.getState() == Bundle.ACTIVE;
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(10_000);
    }
}
