/**
 * RTMP chunk stream codec and message types, after the Adobe RTMP specification 1.0 (section 5.3 chunking,
 * 5.4 protocol control messages, 6.2 user control messages, 7.1 command and data messages) and Enhanced RTMP
 * (veovera) for media bodies, which travel unchanged.
 *
 * <p>{@link io.aqueduct.rtmp.codec.ChunkDecoder} turns bytes into typed {@link io.aqueduct.rtmp.codec.RtmpMessage}s
 * and {@link io.aqueduct.rtmp.codec.ChunkEncoder} does the reverse. The codec has no session side effects: it applies
 * chunk-layer messages (Set Chunk Size, Abort) to itself, emits them like every other message and leaves every
 * decision (acknowledgements, pings, commands) to the handler after it. Protocol violations raise
 * {@link io.aqueduct.rtmp.codec.RtmpProtocolException}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.aqueduct.rtmp.codec;
