package io.aqueduct.features.internal;

import io.aqueduct.features.FeatureException;
import io.aqueduct.features.FeatureInfo;
import io.aqueduct.features.FeatureService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands {@code feature:list}, {@code feature:install NAME} and {@code feature:uninstall NAME}. Each returns
 * the text to print; a failure throws with a one-line message, so the shell (and {@code bin/aqueduct shell}, which
 * then exits non-zero) prints that line and no stack trace.
 */
@Component(service = FeatureCommands.class, property = {
        "osgi.command.scope=feature",
        "osgi.command.function=list",
        "osgi.command.function=install",
        "osgi.command.function=uninstall" })
public final class FeatureCommands {

    private static final List<String> HEADER = List.of("NAME", "BUNDLES", "INSTALLED", "ACTIVE", "TRIGGER");

    private final FeatureService features;

    @Activate
    public FeatureCommands(@Reference FeatureService features) {
        this.features = features;
    }

    @Descriptor("list the features: their bundles, whether they are installed and active, and the configuration "
            + "directive that installs them at start")
    public String list() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (FeatureInfo f : features.features()) {
            rows.add(List.of(f.name(), String.join(",", f.bundles()), f.installed() ? "yes" : "no",
                    f.active().name().toLowerCase(Locale.ROOT), f.trigger().orElse("-")));
        }
        StringBuilder out = new StringBuilder(table(rows));
        if (rows.size() == 1) {
            out.append("(no features)\n");
        }
        features.problems().forEach(p -> out.append("unreadable feature file: ").append(p).append('\n'));
        return out.toString();
    }

    @Descriptor("install a feature's bundles from the repository and start them")
    public String install(@Descriptor("feature name, as feature:list shows it") String name) {
        try {
            return "feature " + name + " installed\n" + state(features.install(name));
        } catch (FeatureException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Descriptor("uninstall a feature's bundles (those no other installed feature needs)")
    public String uninstall(@Descriptor("feature name, as feature:list shows it") String name) {
        try {
            return "feature " + name + " uninstalled\n" + state(features.uninstall(name));
        } catch (FeatureException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String state(FeatureInfo f) {
        return "installed: " + (f.installed() ? "yes" : "no") + ", active: "
                + f.active().name().toLowerCase(Locale.ROOT) + "\n";
    }

    /** Left-aligned columns, two spaces apart. */
    private static String table(List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
