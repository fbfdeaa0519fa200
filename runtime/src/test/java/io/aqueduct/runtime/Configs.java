package io.aqueduct.runtime;

/** SRS-style configurations for servers under test. */
public final class Configs {

    private Configs() {
    }

    /**
     * A server listening for RTMP on {@code rtmpPort} with the default vhost, logging to the console, its PID file
     * at {@code ./objs/NAME.pid} (distinct per name, so servers can share a working directory).
     */
    public static String rtmpServer(String name, int rtmpPort) {
        return """
                listen              %d;
                max_connections     100;
                pid                 ./objs/%s.pid;
                daemon              off;
                srs_log_tank        console;
                vhost __defaultVhost__ {
                }
                """.formatted(rtmpPort, name);
    }
}
