package io.aqueduct.forward.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One vhost's {@code forward { }} block (factory PID {@code io.aqueduct.forward}, one configuration per vhost,
 * named after it), written by the SRS-style config translator or by {@code forward:add} / {@code forward:remove}.
 */
@ObjectClassDefinition(name = "Aqueduct forward of a vhost",
        description = "Pushes every stream published on the vhost to other servers")
@interface ForwardConfig {

    @AttributeDefinition(description = "The vhost whose streams are forwarded")
    String vhost() default "__defaultVhost__";

    @AttributeDefinition(description = "Whether the vhost's streams are forwarded")
    boolean enabled() default false;

    @AttributeDefinition(description = "Destinations: host:port (port 1935 by default), or an rtmp:// URL template "
            + "with [vhost], [app] and [stream]")
    String[] destination() default {};

    @AttributeDefinition(description = "An HTTP hook called on publish (action on_forward) that returns more "
            + "rtmp:// URLs for the stream; empty for none")
    String backend() default "";
}
