package io.aqueduct.httpflv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The HTTP server's settings (PID {@code io.aqueduct.http.server}), written by the SRS-style config translator
 * from the top-level {@code http_server} block. A double underscore in a method name stands for one underscore in
 * the key. The keys past {@code dir} are Aqueduct's own, with defaults that suit SRS configs.
 */
@ObjectClassDefinition(name = "Aqueduct HTTP server (HTTP-FLV and static files)")
@interface HttpServerConfig {

    @AttributeDefinition(description = "Whether the HTTP server listens at all (SRS http_server enabled)")
    boolean enabled() default false;

    @AttributeDefinition(description = "Ports or ip:port pairs to listen on")
    String[] listen() default {"8080"};

    @AttributeDefinition(description = "Directory of static files (index.html, crossdomain.xml); empty: none")
    String dir() default "";

    @AttributeDefinition(description = "Most concurrent HTTP connections; more are closed at once")
    int max__connections() default 1000;

    @AttributeDefinition(description = "A connection must send a complete request within this many ms")
    int request__timeout__ms() default 10_000;

    @AttributeDefinition(description = "On an edge (a vhost whose streams are fetched on demand), how long a play "
            + "request waits for a stream that has no publisher yet before answering 404; an origin answers 404 at once")
    int play__wait__ms() default 3_000;

    @AttributeDefinition(description = "Kernel send buffer of each connection in bytes (0: the system's, which "
            + "grows to megabytes; smaller makes a stalled player lose GOPs sooner instead of lagging behind)")
    int send__buffer__bytes() default 0;

    @AttributeDefinition(description = "Use the native epoll transport when available")
    boolean epoll() default true;

    @AttributeDefinition(description = "Event loop threads for connections (0 = one per core)")
    int threads() default 0;
}
