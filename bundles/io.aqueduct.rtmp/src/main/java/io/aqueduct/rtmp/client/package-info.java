/**
 * An RTMP client for forwarding, edge ingest and edge publishing: connects (handshake, {@code connect} with a
 * tcUrl), then publishes or plays one stream per session.
 *
 * <p>Start with {@link io.aqueduct.rtmp.client.RtmpClient#connect}; the resulting
 * {@link io.aqueduct.rtmp.client.RtmpClientSession} answers pings and acknowledges windows by itself.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.aqueduct.rtmp.client;
