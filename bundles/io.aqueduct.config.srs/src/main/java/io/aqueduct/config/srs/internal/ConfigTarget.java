package io.aqueduct.config.srs.internal;

/**
 * The identity of one configuration to write: a singleton PID, or a named factory configuration whose PID is
 * {@code factoryPid~name} (Configuration Admin 1.6).
 */
record ConfigTarget(String pid, String factoryPid, String name) {

    static ConfigTarget singleton(String pid) {
        return new ConfigTarget(pid, null, null);
    }

    static ConfigTarget factory(String factoryPid, String name) {
        return new ConfigTarget(factoryPid + "~" + name, factoryPid, name);
    }

    boolean isFactory() {
        return factoryPid != null;
    }
}
