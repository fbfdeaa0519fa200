/**
 * What a protocol bundle needs to serve connections: its own event loops (native epoll where it loads, NIO
 * otherwise) and listeners bound by SRS {@code listen} values that rebind only what a new configuration changed.
 * The RTMP and HTTP servers use them; a third-party protocol bundle can too.
 */
@Export
@Version("1.0.0")
package io.aqueduct.stream.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
