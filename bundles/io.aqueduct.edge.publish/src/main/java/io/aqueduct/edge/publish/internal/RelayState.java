package io.aqueduct.edge.publish.internal;

/** The life of one relayed publisher's upstream, as {@code edge:publishers} shows it. */
enum RelayState {
    /** Opening the first publish connection to an origin. */
    CONNECTING,
    /** The origin accepted the publish: media flows up. */
    PUBLISHING,
    /** The origin in use failed: trying the next one while the local publisher goes on. */
    FAILING_OVER,
    /** Closed: the publisher left, the origin refused it, or the bundle stopped. */
    STOPPED
}
