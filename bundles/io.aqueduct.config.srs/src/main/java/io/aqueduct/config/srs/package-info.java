/**
 * SRS-style configuration files for Aqueduct: a parser for the SRS/nginx syntax ({@link
 * io.aqueduct.config.srs.SrsConfigParser} producing a tree of {@link io.aqueduct.config.srs.ConfigNode}s) and the
 * service that translates the file named by the framework property {@code aqueduct.config} into Configuration Admin
 * configurations ({@link io.aqueduct.config.srs.SrsConfigService}).
 *
 * <p>No other bundle reads the file: they consume the typed configurations written by this bundle, so a change to
 * the file reconfigures them live after a reload.
 */
@Export
@Version("1.0.0")
package io.aqueduct.config.srs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
