package io.aqueduct.httpflv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One vhost's {@code http_remux} block (factory PID {@code io.aqueduct.httpflv.remux}, one configuration per
 * vhost), written by the SRS-style config translator.
 */
@ObjectClassDefinition(name = "Aqueduct HTTP-FLV mount of a vhost")
@interface RemuxMountConfig {

    @AttributeDefinition(description = "The vhost whose streams this mount serves")
    String vhost() default "__defaultVhost__";

    @AttributeDefinition(description = "Whether the vhost's streams are served over HTTP-FLV")
    boolean enabled() default false;

    @AttributeDefinition(description = "URL pattern with [vhost], [app] and [stream]")
    String mount() default "[vhost]/[app]/[stream].flv";

    @AttributeDefinition(description = "SRS hstrs: a play request triggers the stream on an edge. Always the "
            + "case here: a play request subscribes, which makes an edge pull; accepted for compatibility")
    boolean hstrs() default true;
}
