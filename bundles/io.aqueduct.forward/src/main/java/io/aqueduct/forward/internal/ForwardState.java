package io.aqueduct.forward.internal;

/** The life of one stream x destination forward ({@link ForwardSession}). */
enum ForwardState {
    /** Opening the connection and publishing. */
    CONNECTING,
    /** Publishing: media flows to the destination. */
    FORWARDING,
    /** The destination is down, dropped the connection or refused the publish; a retry is scheduled. */
    RETRYING,
    /** Ended: the publisher left, the destination was removed, or the forward bundle stopped. */
    STOPPED
}
