package io.aqueduct.features.internal;

import io.aqueduct.features.FeatureInfo;
import io.aqueduct.features.FeatureInfo.Activity;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/** The framework's view of features: which of their bundles are installed, active, and from the repository. */
final class FrameworkBundles {

    private final BundleContext context;
    /** Bundles installed from the repository have a location starting with this. */
    private final String repositoryLocation;

    FrameworkBundles(BundleContext context, Path repository) {
        this.context = context;
        String uri = repository.toAbsolutePath().normalize().toUri().toString();
        this.repositoryLocation = uri.endsWith("/") ? uri : uri + "/";
    }

    /**
     * The installed bundle for a feature's bundle id. Matched by symbolic name (= artifactId in Aqueduct), not
     * version: a bundle is a singleton in practice, and a second copy of the same bundle would not help.
     */
    Optional<Bundle> find(ArtifactId id) {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getState() != Bundle.UNINSTALLED && id.artifactId().equals(b.getSymbolicName()))
                .findFirst();
    }

    /** Whether the feature service installed this bundle (from the repository). */
    boolean isFromRepository(Bundle bundle) {
        return bundle.getLocation().startsWith(repositoryLocation);
    }

    /**
     * Starts the bundle unless it is active or a fragment (fragments are never started, only attached).
     *
     * @return whether it was started now
     */
    boolean start(Bundle bundle) throws BundleException {
        if (isFragment(bundle) || bundle.getState() == Bundle.ACTIVE) {
            return false;
        }
        bundle.start();
        return true;
    }

    /** Lets the framework drop the class loaders of uninstalled bundles (asynchronously). */
    void refresh(List<Bundle> uninstalled) {
        if (!uninstalled.isEmpty()) {
            context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class)
                    .refreshBundles(uninstalled);
        }
    }

    FeatureInfo info(FeatureDescriptor feature) {
        List<Optional<Bundle>> present = feature.bundles().stream().map(this::find).toList();
        boolean installed = present.stream().allMatch(Optional::isPresent);
        long active = present.stream().flatMap(Optional::stream).filter(FrameworkBundles::isActive).count();
        Activity activity = active == 0 ? Activity.NO
                : active == feature.bundles().size() ? Activity.YES : Activity.PARTIAL;
        return new FeatureInfo(feature.name(), feature.id().toString(),
                feature.bundles().stream().map(ArtifactId::artifactId).toList(), installed, activity,
                feature.trigger().map(FeatureTrigger::directive));
    }

    private static boolean isActive(Bundle bundle) {
        return bundle.getState() == Bundle.ACTIVE || (isFragment(bundle) && bundle.getState() == Bundle.RESOLVED);
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }
}
