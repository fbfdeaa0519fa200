/**
 * What a bundle's Gogo commands use to print, so every listing ({@code aqueduct:streams}, {@code forward:list},
 * a third-party protocol's own) reads the same: plain text tables and ages.
 */
@Export
@Version("1.0.0")
package io.aqueduct.stream.api.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
