package io.aqueduct.config.srs.internal;

import io.aqueduct.config.srs.ReloadResult;
import io.aqueduct.config.srs.SrsConfigService;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo commands {@code aqueduct:config} and {@code aqueduct:reload}. */
@Component(service = ConfigCommands.class, property = {
        "osgi.command.scope=aqueduct",
        "osgi.command.function=config",
        "osgi.command.function=reload" })
public final class ConfigCommands {

    private final SrsConfigService service;

    @Activate
    public ConfigCommands(@Reference(name = "service") SrsConfigService service) {
        this.service = service;
    }

    @Descriptor("show the configuration file and the configurations written from it")
    public String config() {
        StringBuilder out = new StringBuilder();
        String file = service.configFile().map(Object::toString)
                .orElse("(none: set the framework property " + SrsConfigService.FILE_PROPERTY + ")");
        out.append("config file: ").append(file).append('\n');
        SortedMap<String, SortedMap<String, Object>> applied = service.appliedConfigurations();
        if (applied.isEmpty()) {
            out.append("no configurations written from the file\n");
        }
        applied.forEach((pid, properties) -> {
            out.append(pid).append('\n');
            properties.forEach((key, value) -> out.append("  ").append(key).append(" = ").append(format(value))
                    .append('\n'));
        });
        return out.toString();
    }

    @Descriptor("re-read the configuration file and apply the changes live")
    public String reload() {
        ReloadResult result = service.reload();
        if (!result.succeeded()) {
            return "reload failed, running configuration kept: " + result.error().orElse("") + "\n";
        }
        StringBuilder out = new StringBuilder();
        line(out, "added", result.added());
        line(out, "updated", result.updated());
        line(out, "deleted", result.deleted());
        out.append("unchanged: ").append(result.unchanged().size()).append('\n');
        result.diagnostics().forEach(d -> out.append(d).append('\n'));
        return out.toString();
    }

    private static void line(StringBuilder out, String what, List<String> pids) {
        out.append(what).append(": ").append(pids.isEmpty() ? "-" : String.join(", ", pids)).append('\n');
    }

    private static String format(Object value) {
        if (value instanceof Object[]) {
            return Arrays.toString((Object[]) value);
        }
        return String.valueOf(value);
    }
}
