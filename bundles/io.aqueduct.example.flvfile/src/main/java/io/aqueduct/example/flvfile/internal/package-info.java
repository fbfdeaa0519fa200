/**
 * An example protocol bundle: {@link io.aqueduct.example.flvfile.internal.FlvFilePublisher} publishes an FLV file
 * as a live stream at real-time pace, and {@link io.aqueduct.example.flvfile.internal.FlvFileCommands} manages
 * its configurations from the shell.
 *
 * <p>It uses only the stream API ({@code io.aqueduct.stream.api}) and Netty buffers, and exports nothing: a
 * protocol needs no exports of its own. The FLV file format is Adobe's FLV specification 10.1, annex E.
 */
package io.aqueduct.example.flvfile.internal;
