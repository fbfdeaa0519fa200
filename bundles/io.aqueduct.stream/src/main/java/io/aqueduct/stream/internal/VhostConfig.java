package io.aqueduct.stream.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One vhost's settings (factory PID {@code io.aqueduct.vhost}, one configuration per vhost, named after it).
 * Keys follow the SRS directives ({@code chunk_size}, {@code queue_length}, ...): a double underscore in a method
 * name stands for one underscore in the key.
 */
@ObjectClassDefinition(name = "Aqueduct vhost", description = "The settings of one virtual host")
@interface VhostConfig {

    @AttributeDefinition(description = "The vhost name, e.g. __defaultVhost__ or a domain")
    String name() default "__defaultVhost__";

    @AttributeDefinition(description = "Whether clients may use this vhost")
    boolean enabled() default true;

    @AttributeDefinition(description = "Outgoing RTMP chunk size, 128..65536")
    int chunk__size() default 60000;

    @AttributeDefinition(description = "Send new players the media since the latest key frame (play { gop_cache })")
    boolean gop__cache() default true;

    @AttributeDefinition(description = "Most media a player may have queued, in seconds (play { queue_length })")
    int queue__length() default 30;

    @AttributeDefinition(description = "Timestamp correction: full, zero or off (play { time_jitter })")
    String time__jitter() default "full";

    @AttributeDefinition(description = "Merged-write window for players in ms (play { mw_latency }), 0 = at once")
    int mw__latency() default 90;

    @AttributeDefinition(description = "Drop a publisher that sent no media for this many ms (publish { normal_timeout })")
    int publish__normal__timeout() default 5000;

    @AttributeDefinition(description = "Drop a publisher whose first media takes longer, in ms (publish { firstpkt_timeout })")
    int publish__firstpkt__timeout() default 20000;
}
