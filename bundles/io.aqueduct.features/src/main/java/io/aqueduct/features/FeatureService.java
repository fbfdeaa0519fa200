package io.aqueduct.features;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Lists, installs and uninstalls the features of the distribution.
 *
 * <p>The feature files are read again on every call, so an edited file counts at once. A feature is installed when
 * every one of its bundles is installed in the framework, whoever installed it (the origin's bundles come from the
 * distribution's {@code bundle/}). Installing and uninstalling are serialised; every method may be called from any
 * thread.
 */
@ProviderType
public interface FeatureService {

    /** Every feature of the features directory, sorted by name. */
    List<FeatureInfo> features();

    /** The files of the features directory that could not be read, each with the reason; empty when all are fine. */
    List<String> problems();

    /**
     * Installs the feature's missing bundles from the repository and starts all of its bundles. All or nothing:
     * when a bundle is missing from the repository, fails to install or to start, the bundles this call installed
     * are uninstalled again.
     *
     * @throws FeatureException for an unknown name, a bundle missing from the repository, or a bundle that fails
     *                          to install or start; the message says which
     */
    FeatureInfo install(String name) throws FeatureException;

    /**
     * Uninstalls the feature's bundles that the feature service installed and that no other installed feature
     * needs. Bundles that came from elsewhere (the distribution's {@code bundle/}, {@code deploy/}) stay.
     *
     * @throws FeatureException for an unknown name, or a feature that is not installed
     */
    FeatureInfo uninstall(String name) throws FeatureException;
}
