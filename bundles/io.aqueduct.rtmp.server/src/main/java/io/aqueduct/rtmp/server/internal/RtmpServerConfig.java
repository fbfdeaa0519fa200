package io.aqueduct.rtmp.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The RTMP server's settings (PID {@code io.aqueduct.rtmp.server}), written by the SRS-style config translator from
 * the top-level {@code listen}, {@code max_connections} and {@code chunk_size} directives. A double underscore in a
 * method name stands for one underscore in the key.
 */
@ObjectClassDefinition(name = "Aqueduct RTMP server")
@interface RtmpServerConfig {

    @AttributeDefinition(description = "Ports or ip:port pairs to listen on")
    String[] listen() default {"1935"};

    @AttributeDefinition(description = "Most concurrent RTMP connections; more are closed at once")
    int max__connections() default 1000;

    @AttributeDefinition(description = "A handshake must complete within this many ms")
    int handshake__timeout__ms() default 10_000;

    @AttributeDefinition(description = "A connection that neither publishes nor plays and sends nothing is closed after this many ms")
    int idle__timeout__ms() default 30_000;

    @AttributeDefinition(description = "Largest RTMP message accepted, in bytes")
    int max__message__size() default 16 * 1024 * 1024;

    @AttributeDefinition(description = "Use the native epoll transport when available")
    boolean epoll() default true;

    @AttributeDefinition(description = "Event loop threads for connections (0 = one per core)")
    int threads() default 0;
}
