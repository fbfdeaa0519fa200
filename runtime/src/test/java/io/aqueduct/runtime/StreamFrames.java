package io.aqueduct.runtime;

/**
 * One stream as ffprobe decoded it from a source.
 *
 * @param codecType "video" or "audio" (ffprobe's codec_type)
 * @param codecName e.g. "h264", "aac" (ffprobe's codec_name)
 * @param frames    number of frames ffprobe decoded from this stream (nb_read_frames)
 */
public record StreamFrames(String codecType, String codecName, long frames) {
}
