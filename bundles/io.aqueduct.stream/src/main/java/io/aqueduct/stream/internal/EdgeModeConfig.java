package io.aqueduct.stream.internal;

import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The two keys of a vhost's cluster configuration (factory PID {@code io.aqueduct.edge}) the core needs: whether the
 * vhost is an edge. The edge bundles read the same configuration for everything else.
 */
@ObjectClassDefinition(name = "Aqueduct vhost cluster mode (core view)")
@interface EdgeModeConfig {

    String vhost() default "__defaultVhost__";

    String mode() default "local";
}
