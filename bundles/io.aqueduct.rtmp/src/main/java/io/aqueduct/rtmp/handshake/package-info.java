/**
 * The RTMP handshake (RTMP specification 5.2) in both roles, including the digest ("complex") handshake of Flash
 * Player 9 and later that ffmpeg, librtmp, OBS and SRS use: C1/S1 carry an HMAC-SHA256 digest at one of two
 * schema-defined offsets, keyed with the "Genuine Adobe Flash Player/Media Server 001" keys, and C2/S2 end with a
 * digest keyed on the peer's digest.
 *
 * <p>Both handlers sit first in the pipeline, fire {@link io.aqueduct.rtmp.handshake.HandshakeCompleted#INSTANCE}
 * once done, then remove themselves and pass any bytes that followed the handshake on to the next handler (the
 * chunk decoder). They never close the channel: a bad handshake raises
 * {@link io.aqueduct.rtmp.codec.RtmpProtocolException}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.aqueduct.rtmp.handshake;
