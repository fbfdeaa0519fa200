package io.aqueduct.stream.api;

/** A change in a stream's life, delivered in order with its media. */
public enum StreamEvent implements StreamItem {
    /** A publisher started; media follows, beginning with metadata and sequence headers. */
    PUBLISH,
    /** The publisher left; the subscription stays and resumes on the next {@link #PUBLISH}. */
    UNPUBLISH,
    /** The player fell behind and whole GOPs were dropped; media resumes at a keyframe. */
    SKIPPED
}
