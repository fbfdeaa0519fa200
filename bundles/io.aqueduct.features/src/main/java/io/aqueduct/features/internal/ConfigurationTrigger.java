package io.aqueduct.features.internal;

import io.aqueduct.features.FeatureException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the features the configuration asks for: at activation, and whenever a configuration is written (the
 * SRS-style file is translated at start and on aqueduct:reload). A feature is asked for when Configuration Admin
 * holds a configuration matching its {@link FeatureTrigger}: an enabled {@code http_remux}, an enabled
 * {@code forward}, a {@code cluster} in mode remote.
 *
 * <p>It never uninstalls: removing the directive from the file leaves the feature running until an operator's
 * {@code feature:uninstall}. Work runs on one thread of its own, so neither Configuration Admin's event thread nor
 * SCR's activation waits for bundles to install; a burst of events (a whole file translated) makes one pass.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class ConfigurationTrigger implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationTrigger.class);

    private final FeatureInstaller installer;
    private final ConfigurationAdmin configurationAdmin;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "aqueduct-features");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean passPending = new AtomicBoolean();
    /** The last failure logged per feature, so a failure repeated on every configuration event is logged once. */
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

    @Activate
    public ConfigurationTrigger(@Reference FeatureInstaller installer,
            @Reference ConfigurationAdmin configurationAdmin) {
        this.installer = installer;
        this.configurationAdmin = configurationAdmin;
        schedulePass();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("feature installation still running after 10 s while stopping");
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_UPDATED) {
            schedulePass();
        }
    }

    private void schedulePass() {
        if (passPending.compareAndSet(false, true)) {
            try {
                worker.execute(this::installWanted);
            } catch (RejectedExecutionException e) {
                LOG.debug("configuration event after deactivation ignored");
            }
        }
    }

    /** One pass: installs every feature whose trigger matches a configuration. */
    void installWanted() {
        passPending.set(false);
        FeatureCatalog catalog = installer.catalog();
        catalog.problems().forEach(problem -> logOnce(problem, "feature file left out: " + problem));
        for (FeatureDescriptor feature : catalog.features().values()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            feature.trigger().ifPresent(trigger -> installIfWanted(feature, trigger));
        }
    }

    private void installIfWanted(FeatureDescriptor feature, FeatureTrigger trigger) {
        try {
            Configuration[] wanting = configurationAdmin.listConfigurations(trigger.configurationFilter());
            if (wanting == null || wanting.length == 0) {
                return;
            }
            String reason = trigger.directive() + ": " + Arrays.stream(wanting).map(Configuration::getPid).sorted()
                    .collect(Collectors.joining(", "));
            if (installer.installForConfiguration(feature, reason)) {
                lastFailure.remove(feature.name());
            }
        } catch (FeatureException e) {
            logOnce(feature.name(), "cannot install what the configuration asks for (" + trigger.directive() + "): "
                    + e.getMessage());
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            logOnce(feature.name(), "feature " + feature.name() + ": cannot read the configurations for "
                    + trigger.directive() + ": " + e.getMessage());
        }
    }

    private void logOnce(String key, String message) {
        if (!message.equals(lastFailure.put(key, message))) {
            LOG.error(message);
        }
    }
}
