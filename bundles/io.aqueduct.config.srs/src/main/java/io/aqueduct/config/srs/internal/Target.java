package io.aqueduct.config.srs.internal;

/** The configurations the file is translated into: one PID, or one factory PID with a configuration per vhost. */
enum Target {
    RTMP_SERVER("io.aqueduct.rtmp.server", false),
    SERVER("io.aqueduct.server", false),
    LOGGING("org.ops4j.pax.logging", false),
    HTTP_SERVER("io.aqueduct.http.server", false),
    VHOST("io.aqueduct.vhost", true),
    HTTP_REMUX("io.aqueduct.httpflv.remux", true),
    FORWARD("io.aqueduct.forward", true),
    EDGE("io.aqueduct.edge", true);

    /** The PID, or the factory PID when {@link #perVhost}. */
    final String pid;
    /** Whether there is one named factory configuration per vhost (name = vhost). */
    final boolean perVhost;

    Target(String pid, boolean perVhost) {
        this.pid = pid;
        this.perVhost = perVhost;
    }
}
