package io.aqueduct.config.srs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The five cluster configurations of the SRS article users copy first (master, slave, origin, edge, edge2), kept
 * byte for byte in src/test/resources/seed: the article lost newlines, so blocks and comments run together.
 */
public final class SeedConfigs {

    public static final String MASTER = "master.conf";
    public static final String SLAVE = "slave.conf";
    public static final String ORIGIN = "origin.conf";
    public static final String EDGE = "edge.conf";
    public static final String EDGE2 = "edge2.conf";

    private SeedConfigs() {
    }

    /** The verbatim text of one seed configuration. */
    public static String text(String name) {
        try (InputStream in = SeedConfigs.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed config " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
