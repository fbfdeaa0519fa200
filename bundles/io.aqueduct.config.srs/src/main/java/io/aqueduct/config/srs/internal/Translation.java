package io.aqueduct.config.srs.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configurations a file translates into (in file order) and what was found wrong on the way.
 *
 * @param configurations each target with its complete properties, including {@code aqueduct.source}
 * @param diagnostics    warnings and rejected lines
 */
record Translation(Map<ConfigTarget, Map<String, Object>> configurations, List<Diagnostic> diagnostics) {

    Translation {
        configurations = Collections.unmodifiableMap(new LinkedHashMap<>(configurations));
        diagnostics = List.copyOf(diagnostics);
    }

    /** The properties for a PID ({@code factoryPid~name} for factory configurations), or null. */
    Map<String, Object> get(String pid) {
        return configurations.entrySet().stream().filter(e -> e.getKey().pid().equals(pid))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
