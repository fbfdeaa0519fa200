package io.aqueduct.config.srs.internal;

import io.aqueduct.config.srs.ConfigNode;
import io.aqueduct.config.srs.SrsConfigService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a parsed file into configurations following {@link SrsSchema}. Unknown and unsupported directives
 * are warned about and skipped; a bad value rejects that one line (its default stays) and the rest is applied.
 * When a key is given twice, the first occurrence wins, as in SRS.
 *
 * <p>A pure function of its inputs: it touches neither Configuration Admin nor the file system.
 */
final class ConfigTranslation {

    private final Path configFile;
    private final Path workDir;
    private final Map<ConfigTarget, Map<String, Object>> configurations = new LinkedHashMap<>();
    /** Where each key was set, per configuration, to report duplicates. */
    private final Map<ConfigTarget, Map<String, String>> setAt = new HashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private ConfigTranslation(Path configFile, Path workDir) {
        this.configFile = configFile;
        this.workDir = workDir;
    }

    /**
     * @param root       the parsed file
     * @param configFile the absolute path of the file, recorded in every configuration
     * @param workDir    the directory relative paths ({@code pid}, {@code dir}, ...) are resolved against
     */
    static Translation translate(ConfigNode root, Path configFile, Path workDir) {
        ConfigTranslation t = new ConfigTranslation(configFile, workDir);
        t.create(Target.RTMP_SERVER, null);
        t.create(Target.SERVER, null);
        t.walk(root.children(), Section.ROOT, null);
        t.applyDerivedDefaults();
        t.addLogging();
        t.configurations.values().forEach(p -> {
            p.put(SrsConfigService.SOURCE_KEY, SrsConfigService.SOURCE_VALUE);
            p.put(SrsConfigService.FILE_KEY, configFile.toString());
        });
        return new Translation(t.configurations, t.diagnostics);
    }

    private void walk(List<ConfigNode> nodes, Section section, String vhost) {
        for (ConfigNode node : nodes) {
            Optional<Directive> found = SrsSchema.lookup(section, node.name());
            if (found.isEmpty()) {
                warn(node, "unknown directive '" + node.name() + "' ignored");
                continue;
            }
            Directive directive = found.get();
            switch (directive.role()) {
                case IGNORED:
                    break;
                case UNSUPPORTED:
                    warn(node, "'" + node.name() + "' is not supported, ignored");
                    break;
                case BLOCK:
                    enterBlock(node, directive, vhost);
                    break;
                default:
                    setValue(node, directive, vhost);
            }
        }
    }

    private void enterBlock(ConfigNode node, Directive directive, String vhost) {
        if (!node.isBlock()) {
            error(node, "'" + node.name() + "' expects a block { ... }; line rejected");
            return;
        }
        String blockVhost = vhost;
        if (directive.opens() == Section.VHOST) {
            if (node.args().size() != 1) {
                error(node, "'vhost' expects one name, got " + node.args().size() + "; block rejected");
                return;
            }
            blockVhost = node.args().get(0);
        } else if (!node.args().isEmpty()) {
            error(node, "'" + node.name() + "' takes no arguments; block rejected");
            return;
        }
        Target creates = directive.opens().creates;
        if (creates != null) {
            create(creates, blockVhost);
        }
        walk(node.children(), directive.opens(), blockVhost);
    }

    private void setValue(ConfigNode node, Directive directive, String vhost) {
        String name = "'" + node.name() + "'";
        if (node.isBlock()) {
            error(node, name + " does not take a block; line rejected, default kept");
            return;
        }
        if (node.args().isEmpty()) {
            error(node, "missing value for " + name + "; line rejected, default kept");
            return;
        }
        Object value;
        try {
            value = directive.kind().parse(node.args(), workDir);
        } catch (InvalidValueException e) {
            error(node, "bad value for " + name + ": " + e.getMessage() + "; line rejected, default kept");
            return;
        }
        ConfigTarget target = targetOf(directive.target(), vhost);
        String previous = setAt.computeIfAbsent(target, t -> new HashMap<>()).putIfAbsent(directive.key(),
                node.location());
        if (previous != null) {
            warn(node, "duplicate " + name + " ignored, already set at " + previous);
            return;
        }
        if (directive.key().equals("daemon") && Boolean.TRUE.equals(value)) {
            warn(node, "daemon on is not supported, running in the foreground");
        }
        configurations.get(target).put(directive.key(), value);
    }

    /** Creates the configuration of a target filled with its defaults, unless it exists. */
    private void create(Target target, String vhost) {
        ConfigTarget id = targetOf(target, vhost);
        if (configurations.containsKey(id)) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (target == Target.VHOST) {
            properties.put("name", vhost);
        } else if (target.perVhost) {
            properties.put("vhost", vhost);
        }
        for (Directive d : SrsSchema.defaultsFor(target)) {
            try {
                properties.put(d.key(), d.kind().parse(d.defaultArgs(), workDir));
            } catch (InvalidValueException e) {
                throw new IllegalStateException("schema default of " + d.name() + " is invalid", e);
            }
        }
        configurations.put(id, properties);
    }

    /**
     * Defaults that depend on other values: a vhost's chunk_size and mw_latency (0 with min_latency on), an edge's
     * upstream vhost, and the HTTP server's
     * connection limit (SRS's max_connections limits every connection, not only RTMP).
     */
    private void applyDerivedDefaults() {
        Map<String, Object> rtmp = configurations.get(targetOf(Target.RTMP_SERVER, null));
        Object globalChunkSize = rtmp.get("chunk_size");
        configurations.forEach((id, properties) -> {
            if (id.factoryPid() == null && Target.HTTP_SERVER.pid.equals(id.pid())) {
                properties.putIfAbsent("max_connections", rtmp.get("max_connections"));
            } else if (Target.VHOST.pid.equals(id.factoryPid())) {
                properties.putIfAbsent("chunk_size", globalChunkSize);
                if (Boolean.TRUE.equals(properties.get("min_latency"))
                        && !setAt.getOrDefault(id, Map.of()).containsKey("mw_latency")) {
                    properties.put("mw_latency", 0);
                }
            } else if (Target.EDGE.pid.equals(id.factoryPid())) {
                properties.putIfAbsent("upstream_vhost", id.name());
            }
        });
    }

    /**
     * Writes the pax-logging configuration only when the file asks for something other than the distribution's
     * default (console at SRS level trace): switching log4j's configuration at start-up can lose the lines logged
     * meanwhile, so it is done only when it changes something.
     */
    private void addLogging() {
        ConfigTarget server = targetOf(Target.SERVER, null);
        Map<String, String> given = setAt.getOrDefault(server, Map.of());
        if (!given.containsKey("srs_log_tank") && !given.containsKey("srs_log_level")
                && !given.containsKey("srs_log_file")) {
            return;
        }
        Map<String, Object> p = configurations.get(server);
        if ("console".equals(p.get("srs_log_tank")) && "trace".equals(p.get("srs_log_level"))) {
            return;
        }
        configurations.put(targetOf(Target.LOGGING, null), PaxLoggingProperties.of((String) p.get("srs_log_tank"),
                (String) p.get("srs_log_level"), (String) p.get("srs_log_file")));
    }

    private static ConfigTarget targetOf(Target target, String vhost) {
        return target.perVhost ? ConfigTarget.factory(target.pid, vhost) : ConfigTarget.singleton(target.pid);
    }

    private void warn(ConfigNode node, String what) {
        diagnostics.add(Diagnostic.warning(node.location() + ": " + what));
    }

    private void error(ConfigNode node, String what) {
        diagnostics.add(Diagnostic.error(node.location() + ": " + what));
    }
}
