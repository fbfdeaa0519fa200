package io.aqueduct.config.srs.internal;

import io.aqueduct.config.srs.ConfigException;
import io.aqueduct.config.srs.ConfigNode;
import io.aqueduct.config.srs.ReloadResult;
import io.aqueduct.config.srs.SrsConfigParser;
import io.aqueduct.config.srs.SrsConfigService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the SRS-style file named by the framework property {@code aqueduct.config} and writes what it says into
 * Configuration Admin, at activation and on every {@link #reload()}; also owns the pid file. A file that cannot
 * be parsed changes nothing: at startup the bundles keep their defaults, on reload the running configuration stays.
 */
@Component(immediate = true, service = SrsConfigService.class)
public final class SrsConfigTranslator implements SrsConfigService {

    private static final Logger LOG = LoggerFactory.getLogger(SrsConfigTranslator.class);

    private final SrsConfigParser parser = new SrsConfigParser();
    private final ConfigurationWriter writer;
    private final Path file;
    private final Path workDir;
    /** Guarded by this. */
    private PidFile pidFile;

    @Activate
    public SrsConfigTranslator(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin,
            BundleContext context) {
        this(configurationAdmin, context.getProperty(FILE_PROPERTY), Path.of("").toAbsolutePath());
    }

    /** For tests: the file property value (may be null) and the working directory are given. */
    SrsConfigTranslator(ConfigurationAdmin configurationAdmin, String fileProperty, Path workDir) {
        this.writer = new ConfigurationWriter(configurationAdmin);
        this.workDir = workDir;
        this.file = fileProperty == null || fileProperty.isBlank() ? null
                : workDir.resolve(fileProperty).normalize();
        if (file == null) {
            LOG.info("No configuration file given (framework property {}): configurations left as they are",
                    FILE_PROPERTY);
            return;
        }
        ReloadResult result = load();
        result.error().ifPresent(error -> LOG.error("Configuration not applied, bundles keep their defaults: {}",
                error));
    }

    @Deactivate
    synchronized void deactivate() {
        removePidFile();
    }

    @Override
    public Optional<Path> configFile() {
        return Optional.ofNullable(file);
    }

    @Override
    public synchronized ReloadResult reload() {
        if (file == null) {
            return ReloadResult.failed("no configuration file given (framework property " + FILE_PROPERTY + ")");
        }
        ReloadResult result = load();
        result.error().ifPresent(error -> LOG.error("Reload failed, running configuration kept: {}", error));
        return result;
    }

    @Override
    public SortedMap<String, SortedMap<String, Object>> appliedConfigurations() {
        try {
            return writer.current();
        } catch (IOException e) {
            LOG.warn("Cannot list the configurations written from {}: {}", file, e.toString());
            return new TreeMap<>();
        }
    }

    private synchronized ReloadResult load() {
        ConfigNode root;
        try {
            root = parser.parse(file);
        } catch (ConfigException e) {
            return ReloadResult.failed(e.getMessage());
        }
        Translation translation = ConfigTranslation.translate(root, file, workDir);
        List<String> diagnostics = new ArrayList<>();
        for (Diagnostic d : translation.diagnostics()) {
            diagnostics.add(d.message());
            if (d.severity() == Diagnostic.Severity.ERROR) {
                LOG.error("{}", d.message());
            } else {
                LOG.warn("{}", d.message());
            }
        }
        createLogDirectory(translation);
        ConfigurationWriter.Outcome outcome;
        try {
            outcome = writer.apply(translation.configurations());
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: a configuration deleted concurrently by someone else.
            return ReloadResult.failed(file + ": cannot write configurations: " + e);
        }
        outcome.skipped().forEach(message -> {
            LOG.info("{}", message);
            diagnostics.add(message);
        });
        updatePidFile(translation);
        LOG.info("Applied {}: added {}, updated {}, deleted {}, {} unchanged", file, outcome.added(),
                outcome.updated(), outcome.deleted(), outcome.unchanged().size());
        return new ReloadResult(outcome.added(), outcome.updated(), outcome.deleted(), outcome.unchanged(),
                diagnostics, null);
    }

    /** The log4j2 file appender is started asynchronously by pax-logging; make sure its directory exists. */
    private void createLogDirectory(Translation translation) {
        Map<String, Object> server = translation.get(Target.SERVER.pid);
        if (!"file".equals(server.get("srs_log_tank"))) {
            return;
        }
        Path logFile = Path.of((String) server.get("srs_log_file"));
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            LOG.warn("Cannot create the directory of log file {}: {}", logFile, e.toString());
        }
    }

    private void updatePidFile(Translation translation) {
        Path wanted = Path.of((String) translation.get(Target.SERVER.pid).get("pid"));
        if (pidFile != null && pidFile.path().equals(wanted)) {
            return;
        }
        removePidFile();
        try {
            pidFile = PidFile.write(wanted);
            LOG.info("Wrote pid {} to {}", ProcessHandle.current().pid(), wanted);
        } catch (IOException e) {
            LOG.warn("Cannot write pid file {}: {}", wanted, e.toString());
        }
    }

    private void removePidFile() {
        if (pidFile == null) {
            return;
        }
        try {
            pidFile.delete();
        } catch (IOException e) {
            LOG.warn("Cannot delete pid file {}: {}", pidFile.path(), e.toString());
        }
        pidFile = null;
    }
}
