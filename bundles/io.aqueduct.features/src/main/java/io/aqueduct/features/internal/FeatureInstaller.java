package io.aqueduct.features.internal;

import io.aqueduct.features.FeatureException;
import io.aqueduct.features.FeatureInfo;
import io.aqueduct.features.FeatureService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs features from the distribution's local repository into the running framework.
 *
 * <p>Directories, from framework (or system) properties: the feature files in {@value #FEATURES_DIR_PROPERTY},
 * default {@code ${aqueduct.home}/features}; the bundles in {@value #REPOSITORY_PROPERTY}, default
 * {@code ${aqueduct.home}/repository}, in the Maven layout ({@code io/aqueduct/io.aqueduct.httpflv/0.1.0-SNAPSHOT/
 * io.aqueduct.httpflv-0.1.0-SNAPSHOT.jar}) so a feature's bundle ids map to files without an index.
 *
 * <p>Nothing is remembered: which bundles belong to the feature service is read from their location (a file of
 * the repository), which features are installed from the bundles present. So the state survives a restart of this
 * bundle, and a bundle uninstalled by hand simply makes its feature "not installed". The framework cache is
 * emptied at every server start, so features start again from what the configuration asks for
 * ({@link ConfigurationTrigger}).
 */
@Component(service = { FeatureService.class, FeatureInstaller.class })
public final class FeatureInstaller implements FeatureService {

    /** The distribution directory, set by bin/aqueduct. */
    static final String HOME_PROPERTY = "aqueduct.home";
    /** Overrides the features directory. */
    static final String FEATURES_DIR_PROPERTY = "aqueduct.features.dir";
    /** Overrides the repository directory. */
    static final String REPOSITORY_PROPERTY = "aqueduct.repository.dir";

    private static final Logger LOG = LoggerFactory.getLogger(FeatureInstaller.class);

    private final BundleContext context;
    private final FrameworkBundles bundles;
    private final Path featuresDir;
    private final Path repository;
    /** Features the operator uninstalled: the configuration does not install them again until feature:install. */
    private final Set<String> uninstalledByOperator = new HashSet<>();

    @Activate
    public FeatureInstaller(BundleContext context) {
        this(context, directory(context, FEATURES_DIR_PROPERTY, "features"),
                directory(context, REPOSITORY_PROPERTY, "repository"));
    }

    FeatureInstaller(BundleContext context, Path featuresDir, Path repository) {
        this.context = context;
        this.featuresDir = featuresDir.toAbsolutePath().normalize();
        this.repository = repository.toAbsolutePath().normalize();
        this.bundles = new FrameworkBundles(context, this.repository);
        LOG.debug("features from {}, bundles from {}", featuresDir, repository);
    }

    private static Path directory(BundleContext context, String property, String underHome) {
        String explicit = context.getProperty(property);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home == null || home.isBlank() ? "." : home).resolve(underHome).toAbsolutePath().normalize();
    }

    Path featuresDir() {
        return featuresDir;
    }

    Path repository() {
        return repository;
    }

    FeatureCatalog catalog() {
        return FeatureCatalog.read(featuresDir);
    }

    @Override
    public synchronized List<FeatureInfo> features() {
        return catalog().features().values().stream().map(bundles::info).toList();
    }

    @Override
    public List<String> problems() {
        return catalog().problems();
    }

    @Override
    public synchronized FeatureInfo install(String name) throws FeatureException {
        FeatureDescriptor feature = find(catalog(), name);
        uninstalledByOperator.remove(feature.name());
        return installBundles(feature);
    }

    /**
     * Installs a feature the configuration asks for, unless it is installed already or the operator uninstalled it
     * since the server started.
     *
     * @param reason what in the configuration asks for it, for the log
     * @return whether this call installed it
     */
    synchronized boolean installForConfiguration(FeatureDescriptor feature, String reason) throws FeatureException {
        if (uninstalledByOperator.contains(feature.name()) || bundles.info(feature).installed()) {
            return false;
        }
        LOG.info("feature {}: the configuration asks for it ({})", feature.name(), reason);
        installBundles(feature);
        return true;
    }

    @Override
    public synchronized FeatureInfo uninstall(String name) throws FeatureException {
        FeatureCatalog catalog = catalog();
        FeatureDescriptor feature = find(catalog, name);
        if (feature.bundles().stream().noneMatch(b -> bundles.find(b).isPresent())) {
            throw new FeatureException("feature " + feature.name() + " is not installed");
        }
        uninstalledByOperator.add(feature.name());
        Set<String> neededByOthers = new HashSet<>();
        catalog.features().values().stream()
                .filter(other -> !other.name().equals(feature.name()) && bundles.info(other).installed())
                .forEach(other -> other.bundles().forEach(b -> neededByOthers.add(b.artifactId())));
        List<Bundle> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (ArtifactId id : reversed(feature.bundles())) {
            Bundle bundle = bundles.find(id).orElse(null);
            if (bundle == null) {
                continue;
            }
            if (!bundles.isFromRepository(bundle)) {
                kept.add(id.artifactId() + " (not installed by features: " + bundle.getLocation() + ")");
            } else if (neededByOthers.contains(id.artifactId())) {
                kept.add(id.artifactId() + " (needed by another installed feature)");
            } else {
                try {
                    bundle.uninstall();
                    removed.add(bundle);
                } catch (BundleException | IllegalStateException e) {
                    kept.add(id.artifactId() + " (uninstall failed: " + e.getMessage() + ")");
                }
            }
        }
        bundles.refresh(removed);
        if (removed.isEmpty()) {
            throw new FeatureException("feature " + feature.name() + ": no bundle uninstalled; kept "
                    + String.join(", ", kept));
        }
        LOG.info("feature {} uninstalled: {} bundle(s) removed{}", feature.name(), removed.size(),
                kept.isEmpty() ? "" : ", kept " + String.join(", ", kept));
        return bundles.info(feature);
    }

    private FeatureInfo installBundles(FeatureDescriptor feature) throws FeatureException {
        String name = feature.name();
        List<ArtifactId> missing = feature.bundles().stream().filter(b -> bundles.find(b).isEmpty()).toList();
        for (ArtifactId id : missing) {
            if (!Files.isRegularFile(id.pathIn(repository))) {
                throw new FeatureException("feature " + name + ": bundle " + id.artifactId() + " " + id.version()
                        + " is not in the repository " + repository + " (expected "
                        + repository.relativize(id.pathIn(repository)) + ")");
            }
        }
        List<Bundle> installedNow = new ArrayList<>();
        ArtifactId current = null;
        int started = 0;
        try {
            for (ArtifactId id : missing) {
                current = id;
                installedNow.add(installFromRepository(id));
            }
            for (ArtifactId id : feature.bundles()) {
                current = id;
                started += bundles.start(bundles.find(id).orElseThrow(
                        () -> new BundleException(id.artifactId() + " vanished while the feature was installed")))
                        ? 1 : 0;
            }
        } catch (BundleException | IOException | IllegalStateException e) {
            rollBack(name, installedNow);
            throw new FeatureException("feature " + name + " not installed: bundle " + current.artifactId()
                    + " failed: " + e.getMessage(), e);
        }
        if (started > 0) {
            LOG.info("feature {} installed: {} bundle(s) installed, {} started of {}", name, installedNow.size(),
                    started, feature.bundles().stream().map(ArtifactId::artifactId).toList());
        }
        return bundles.info(feature);
    }

    private Bundle installFromRepository(ArtifactId id) throws IOException, BundleException {
        Path file = id.pathIn(repository);
        Bundle bundle;
        try (InputStream in = Files.newInputStream(file)) {
            bundle = context.installBundle(file.toUri().toString(), in);
        }
        if (!id.artifactId().equals(bundle.getSymbolicName())) {
            String found = bundle.getSymbolicName();
            bundle.uninstall();
            throw new BundleException(file + " holds bundle " + found + ", not " + id.artifactId());
        }
        return bundle;
    }

    private void rollBack(String feature, List<Bundle> installedNow) {
        for (Bundle bundle : reversed(installedNow)) {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("feature {}: could not uninstall {} after the failed install: {}", feature,
                        bundle.getSymbolicName(), e.getMessage());
            }
        }
        bundles.refresh(installedNow);
    }

    /** Uninstalling goes backwards: a feature lists its bundles in start order. */
    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static FeatureDescriptor find(FeatureCatalog catalog, String name) throws FeatureException {
        FeatureDescriptor feature = name == null ? null : catalog.features().get(name.trim());
        if (feature == null) {
            throw new FeatureException("unknown feature '" + name + "'; known: "
                    + (catalog.features().isEmpty() ? "none" : String.join(", ", catalog.features().keySet()))
                    + (catalog.problems().isEmpty() ? "" : " (unreadable: " + String.join("; ", catalog.problems())
                            + ")"));
        }
        return feature;
    }
}
