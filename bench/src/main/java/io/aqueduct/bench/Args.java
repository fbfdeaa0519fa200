package io.aqueduct.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line options of the form {@code --name value} (or {@code --name=value}). Every option read is
 * remembered so that {@link #rejectUnknown()} can refuse typos instead of silently using defaults.
 */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> read = new TreeSet<>();

    public Args(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got: " + a);
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                values.put(name, "true");
            }
        }
    }

    public String string(String name, String defaultValue) {
        read.add(name);
        return values.getOrDefault(name, defaultValue);
    }

    public String required(String name) {
        String v = string(name, null);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    public int integer(String name, int defaultValue) {
        String v = string(name, null);
        return v == null ? defaultValue : Integer.parseInt(v);
    }

    public double decimal(String name, double defaultValue) {
        String v = string(name, null);
        return v == null ? defaultValue : Double.parseDouble(v);
    }

    public boolean flag(String name, boolean defaultValue) {
        String v = string(name, null);
        return v == null ? defaultValue : Boolean.parseBoolean(v);
    }

    public boolean has(String name) {
        read.add(name);
        return values.containsKey(name);
    }

    /** Fails on an option that no code path asked for. */
    public void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }
}
