/**
 * What a protocol bundle needs to serve connections: its own event loops (native epoll where it loads, NIO
 * otherwise) and listeners bound by SRS {@code listen} values that rebind only what a new configuration changed.
 * The RTMP and HTTP servers use them; a third-party protocol bundle can too. For connections this server opens:
 * {@link io.aqueduct.stream.api.transport.ServerAddress} (SRS's {@code host[:port]}) and
 * {@link io.aqueduct.stream.api.transport.ServerRotation} (failing over between several servers).
 */
@Export
@Version("1.1.0")
package io.aqueduct.stream.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
