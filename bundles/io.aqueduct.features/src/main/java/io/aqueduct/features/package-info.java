/**
 * Features: named sets of Aqueduct bundles (origin, http-flv, forward, edge) described in the distribution's
 * {@code features/} directory in the OSGi Feature Service JSON format and installed from its local repository.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.aqueduct.features;
