/**
 * The stream API: what protocol and cluster bundles use to publish into, play from and watch the live streams of
 * one server.
 *
 * <p>A stream is named by a {@link io.aqueduct.stream.api.StreamKey} (vhost/app/stream), has at most one
 * {@link io.aqueduct.stream.api.Publication} and any number of {@link io.aqueduct.stream.api.Subscription}s. Media
 * travels as reference-counted {@link io.aqueduct.stream.api.MediaMessage}s whose wire encodings are computed once
 * and shared by every player.
 */
@Export
@Version("1.7.0")
package io.aqueduct.stream.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
