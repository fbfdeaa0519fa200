package io.aqueduct.bench.load;

/** The protocol a simulated player speaks. */
public enum PlayerKind {
    /** RTMP play with a lean chunk scanner. */
    RTMP,
    /** HTTP GET of a live .flv URL. */
    HTTP_FLV,
    /** A bare TCP connection that reads FLV bytes: the player of the raw reference server. */
    TCP_FLV
}
