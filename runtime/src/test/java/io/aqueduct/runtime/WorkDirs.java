package io.aqueduct.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where end-to-end tests keep their files (configs, server logs, recordings): under the system property
 * {@code aqueduct.it.work} (the build sets target/it-work, so logs stay for inspection after a failure),
 * else under the system temp directory.
 */
public final class WorkDirs {

    private WorkDirs() {
    }

    /** The base directory, created if needed. */
    public static Path base() {
        String configured = System.getProperty("aqueduct.it.work");
        try {
            if (configured == null || configured.isBlank()) {
                return Path.of(System.getProperty("java.io.tmpdir"));
            }
            return Files.createDirectories(Path.of(configured));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty directory named {@code prefix} plus a unique suffix. */
    public static Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(base(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty file named {@code prefix} plus a unique suffix and {@code suffix}. */
    public static Path newFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(base(), prefix + "-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
