/**
 * AMF codecs for RTMP: a strict, bounded AMF0 reader and writer ({@link io.aqueduct.amf.Amf0Reader},
 * {@link io.aqueduct.amf.Amf0Writer}) and an AMF3 reader and writer ({@link io.aqueduct.amf.Amf3Reader},
 * {@link io.aqueduct.amf.Amf3Writer}) for RTMP message types 15 and 17 and the AMF0 "switch to AMF3" marker.
 *
 * <p>Specifications: Adobe, "Action Message Format -- AMF 0" (December 2007) and "Action Message Format -- AMF 3"
 * (January 2013). Values map to plain Java types (Double, Boolean, String, LinkedHashMap, ArrayList, Instant,
 * byte[]) plus {@link io.aqueduct.amf.EcmaArray}, {@link io.aqueduct.amf.TypedObject} and
 * {@link io.aqueduct.amf.Amf0#UNDEFINED}. Readers never trust lengths or counts from the wire: every length is
 * checked against the readable bytes, nesting is limited, and every malformed input raises
 * {@link io.aqueduct.amf.AmfException} (never an unchecked exception or a {@code StackOverflowError}).
 *
 * <p>All classes are stateless or immutable and safe for use from any thread; a reader's reference tables live
 * only for the duration of one {@code read}/{@code readAll} call.
 */
@Export
@Version("1.0.0")
package io.aqueduct.amf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
