package io.aqueduct.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The configs shipped in the distribution's conf/ (the seed article's), with their ports moved to free ones. */
final class SeedConfigs {

    private SeedConfigs() {
    }

    /**
     * The text of {@code conf/NAME} with each {@code from[i]} port (as a whole word) replaced by {@code to[i]}.
     */
    static String withPorts(String name, int[] from, int[] to) {
        try {
            String text = Files.readString(AqueductProcess.distribution().resolve("conf").resolve(name));
            for (int i = 0; i < from.length; i++) {
                text = text.replaceAll("\\b" + from[i] + "\\b", Integer.toString(to[i]));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
