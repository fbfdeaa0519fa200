package io.aqueduct.config.srs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The SRS-style configuration file of this server, as translated into Configuration Admin. Every configuration
 * written from the file carries {@value #SOURCE_KEY}={@value #SOURCE_VALUE} and {@value #FILE_KEY}=the absolute
 * path of the file.
 *
 * <p>Thread-safe: reloads are serialised.
 */
@ProviderType
public interface SrsConfigService {

    /** The framework property naming the configuration file. */
    String FILE_PROPERTY = "aqueduct.config";
    /** Property key marking configurations written by this service. */
    String SOURCE_KEY = "aqueduct.source";
    /** Value of {@link #SOURCE_KEY} for configurations written by this service. */
    String SOURCE_VALUE = "srs-config";
    /** Property key holding the absolute path of the file a configuration was written from. */
    String FILE_KEY = "aqueduct.config.file";

    /** The absolute path of the configuration file, or empty when none was given. */
    Optional<Path> configFile();

    /**
     * Re-reads the file and applies the difference live: changed configurations are updated, new ones created,
     * ones no longer in the file deleted, unchanged ones left alone. On a read or syntax error nothing is changed.
     */
    ReloadResult reload();

    /**
     * The configurations currently in Configuration Admin that were written from the file: PID to properties,
     * both sorted by name.
     */
    SortedMap<String, SortedMap<String, Object>> appliedConfigurations();

    /** Convenience: the properties of one applied configuration, if present. */
    default Optional<Map<String, Object>> appliedConfiguration(String pid) {
        return Optional.ofNullable(appliedConfigurations().get(pid));
    }
}
