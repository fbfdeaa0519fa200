package io.aqueduct.config.srs;

import java.util.List;
import java.util.Optional;

/**
 * What a (re)load of the configuration file did. When {@link #error()} is present the file could not be read or
 * parsed and no configuration was changed; the PID lists are then empty. {@link #diagnostics()} holds the
 * warnings and rejected lines, each starting with {@code file:line:}.
 *
 * <p>Immutable.
 */
public final class ReloadResult {

    private final List<String> added;
    private final List<String> updated;
    private final List<String> deleted;
    private final List<String> unchanged;
    private final List<String> diagnostics;
    private final String error;

    public ReloadResult(List<String> added, List<String> updated, List<String> deleted, List<String> unchanged,
            List<String> diagnostics, String error) {
        this.added = List.copyOf(added);
        this.updated = List.copyOf(updated);
        this.deleted = List.copyOf(deleted);
        this.unchanged = List.copyOf(unchanged);
        this.diagnostics = List.copyOf(diagnostics);
        this.error = error;
    }

    /** A failed load: nothing was changed. */
    public static ReloadResult failed(String error) {
        return new ReloadResult(List.of(), List.of(), List.of(), List.of(), List.of(), error);
    }

    /** PIDs of configurations created. */
    public List<String> added() {
        return added;
    }

    /** PIDs of configurations whose properties changed. */
    public List<String> updated() {
        return updated;
    }

    /** PIDs of configurations deleted because the file no longer produces them. */
    public List<String> deleted() {
        return deleted;
    }

    /** PIDs of configurations left untouched because their properties did not change. */
    public List<String> unchanged() {
        return unchanged;
    }

    /** Warnings and rejected lines, each {@code file:line: what}. */
    public List<String> diagnostics() {
        return diagnostics;
    }

    /** The read or syntax error ({@code file:line: what}) that stopped the load. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public boolean succeeded() {
        return error == null;
    }

    @Override
    public String toString() {
        if (error != null) {
            return "failed: " + error;
        }
        return "added " + added + ", updated " + updated + ", deleted " + deleted + ", unchanged " + unchanged.size();
    }
}
