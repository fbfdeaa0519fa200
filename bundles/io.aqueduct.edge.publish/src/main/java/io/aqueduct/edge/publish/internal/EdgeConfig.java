package io.aqueduct.edge.publish.internal;

/**
 * The keys of the cluster configuration of one vhost (factory PID {@code io.aqueduct.edge}) that edge publishing
 * uses. The edge-ingest bundle describes the whole configuration (metatype); this bundle reads the same
 * configurations on its own so either bundle works without the other. A double underscore in a method name stands
 * for one underscore in the key.
 */
@interface EdgeConfig {

    String vhost() default "__defaultVhost__";

    String mode() default "local";

    String[] origin() default {};

    String upstream__vhost() default "";

    int backoff__initial__ms() default 500;

    int backoff__max__ms() default 10_000;

    int connect__timeout__ms() default 3000;
}
