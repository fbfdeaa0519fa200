package io.aqueduct.stream.api;

/**
 * What a {@link Subscription} delivers, in order: media messages and the stream events between them.
 */
public sealed interface StreamItem permits MediaMessage, StreamEvent {
}
