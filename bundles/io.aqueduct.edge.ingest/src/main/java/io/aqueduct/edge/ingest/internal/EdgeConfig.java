package io.aqueduct.edge.ingest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The cluster settings of one vhost (factory PID {@code io.aqueduct.edge}, one configuration per vhost, named after
 * it), as SRS's {@code vhost NAME { cluster { ... } }} block gives them. The edge-publish bundle reads the same
 * configurations on its own. A double underscore in a method name stands for one underscore in the key.
 */
@ObjectClassDefinition(name = "Aqueduct edge", description = "SRS cluster settings of one vhost: origin or edge")
@interface EdgeConfig {

    @AttributeDefinition(description = "The vhost these settings apply to, e.g. __defaultVhost__")
    String vhost() default "__defaultVhost__";

    @AttributeDefinition(description = "local (an origin, the default) or remote (an edge of the origins below)")
    String mode() default "local";

    @AttributeDefinition(description = "Origins as host[:port], tried in order: RTMP servers (port 1935 by default), "
            + "or with protocol flv HTTP servers (port 80 by default)")
    String[] origin() default {};

    @AttributeDefinition(description = "Fetch from this vhost at the origin (SRS cluster { vhost }); empty = same vhost")
    String upstream__vhost() default "";

    @AttributeDefinition(description = "Pull from the origin over rtmp, or over flv (HTTP GET of /APP/STREAM.flv)")
    String protocol() default "rtmp";

    @AttributeDefinition(description = "Keep an upstream this many ms after its last player left")
    int grace__period__ms() default 3000;

    @AttributeDefinition(description = "Wait this long before retrying once every origin failed, doubling each round")
    int backoff__initial__ms() default 500;

    @AttributeDefinition(description = "The longest wait between rounds of origin attempts")
    int backoff__max__ms() default 10_000;

    @AttributeDefinition(description = "TCP connect timeout to an origin, in ms")
    int connect__timeout__ms() default 3000;
}
