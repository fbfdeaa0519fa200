package io.aqueduct.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs ffmpeg, ffprobe, rtmpdump and curl against a server under test. Every call is bounded: a tool still running
 * at its deadline is killed, and its output is captured for assertion messages. Threads: the static methods may be
 * called from any thread; each call starts its own process.
 */
public final class MediaTools {

    /** The external tools the end-to-end tests need on the PATH. */
    public static final List<String> TOOLS = List.of("ffmpeg", "ffprobe", "rtmpdump", "curl");

    /** Frame rate and keyframe interval of {@link #ffmpegPublish}: one keyframe per second. */
    public static final int PUBLISH_FPS = 25;

    private static final Pattern FLAT_STREAM_FIELD =
            Pattern.compile("^streams\\.stream\\.(\\d+)\\.(\\w+)=\"?([^\"]*)\"?$", Pattern.MULTILINE);

    private MediaTools() {
    }

    /** Runs {@code command} to its end, killing it at {@code timeout}; stdin is /dev/null. */
    public static ToolResult run(Duration timeout, List<String> command) {
        return run(timeout, Path.of("").toAbsolutePath(), command);
    }

    /** Runs {@code command} in {@code directory} to its end, killing it at {@code timeout}; stdin is /dev/null. */
    public static ToolResult run(Duration timeout, Path directory, List<String> command) {
        Path output = tempFile(Path.of(command.get(0)).getFileName().toString());
        try (BackgroundTool tool = BackgroundTool.start(command, directory, output)) {
            return tool.awaitExit(timeout);
        } finally {
            deleteQuietly(output);
        }
    }

    public static ToolResult run(Duration timeout, String... command) {
        return run(timeout, List.of(command));
    }

    /**
     * Returns the tools of {@link #TOOLS} that cannot be run (not on the PATH or failing their version call).
     */
    public static List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : TOOLS) {
            String versionFlag = switch (tool) {
                case "rtmpdump" -> "-h";
                case "curl" -> "--version";
                default -> "-version";
            };
            try {
                ToolResult result = run(Duration.ofSeconds(20), tool, versionFlag);
                // rtmpdump -h prints its usage and exits with 0 or 1 depending on the build
                if (result.timedOut() || (result.exitCode() != 0 && !tool.equals("rtmpdump"))) {
                    missing.add(tool);
                }
            } catch (UncheckedIOException e) {
                missing.add(tool);
            }
        }
        return missing;
    }

    /**
     * Publishes a synthetic live stream to {@code rtmpUrl} in the background, in real time ({@code -re}) for
     * {@code duration}: lavfi testsrc as H.264 (640x360, 25 fps, a keyframe every 25 frames, about 300 kbps,
     * zerolatency) and a sine tone as AAC (44.1 kHz). Close the returned tool to stop publishing early.
     */
    public static BackgroundTool ffmpegPublish(String rtmpUrl, Duration duration) {
        // the log file stays in the work directory: it explains a publisher that stopped early
        return BackgroundTool.start(syntheticStream(duration, rtmpUrl), tempFile("ffmpeg-publish"));
    }

    /**
     * Serves the stream of {@link #ffmpegPublish} as an RTMP server ({@code -listen 1}) on {@code rtmpUrl}'s port
     * to the first player that connects: a reference source for checking the client-side tools.
     */
    public static BackgroundTool ffmpegServeRtmp(String rtmpUrl, Duration duration) {
        List<String> command = new ArrayList<>(syntheticStream(duration, rtmpUrl));
        command.add(command.size() - 1, "-listen");
        command.add(command.size() - 1, "1");
        return BackgroundTool.start(command, tempFile("ffmpeg-serve"));
    }

    private static List<String> syntheticStream(Duration duration, String rtmpUrl) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=" + PUBLISH_FPS,
                "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", seconds(duration),
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-g", String.valueOf(PUBLISH_FPS), "-b:v", "300k", "-maxrate", "300k", "-bufsize", "600k",
                "-c:a", "aac", "-b:a", "64k",
                "-f", "flv", rtmpUrl);
    }

    /**
     * Plays {@code url} (rtmp://, http://...flv, or a file) with ffprobe for {@code seconds} of stream time and
     * counts the frames it decodes per stream. Uses {@code -read_intervals %+N -count_frames}, which works on a
     * live source: ffprobe stops after N seconds of media. {@code -rw_timeout} (5 s) makes a stalled source fail
     * instead of hanging; the whole call is killed after {@code seconds + 20} s.
     *
     * @return the streams ffprobe found, each with codec name and decoded frame count
     * @throws AssertionError when ffprobe fails or finds no stream; the message holds its output
     */
    public static List<StreamFrames> ffprobeCountFrames(String url, int seconds) {
        ToolResult result = run(Duration.ofSeconds(seconds + 20L), "ffprobe", "-hide_banner", "-v", "error",
                "-rw_timeout", "5000000", "-read_intervals", "%+" + seconds, "-count_frames",
                "-show_entries", "stream=codec_name,codec_type,nb_read_frames", "-of", "flat", url);
        List<StreamFrames> streams = parseFlatStreams(result.output());
        if (!result.succeeded() || streams.isEmpty()) {
            throw new AssertionError("ffprobe found no stream in " + url + ":\n" + result.describe());
        }
        return streams;
    }

    /** The first stream of the given codec type ("video", "audio") among {@code streams}. */
    public static Optional<StreamFrames> stream(List<StreamFrames> streams, String codecType) {
        return streams.stream().filter(s -> s.codecType().equals(codecType)).findFirst();
    }

    /**
     * Plays {@code rtmpUrl} as a live stream with rtmpdump into {@code out} for {@code duration}. rtmpdump does
     * not stop by itself on a live stream, so reaching the deadline (and being killed) is the normal end:
     * check the file, and {@code exitCode}/{@code output} for connection errors.
     */
    public static ToolResult rtmpdump(String rtmpUrl, Path out, Duration duration) {
        return run(duration, "rtmpdump", "--live", "--quiet", "--rtmp", rtmpUrl, "--flv", out.toString());
    }

    /** Downloads {@code url} into {@code out} with curl for at most {@code maxTime} (curl exits 28 at the limit). */
    public static ToolResult curl(String url, Path out, Duration maxTime) {
        return run(maxTime.plusSeconds(10), "curl", "--silent", "--show-error", "--max-time", seconds(maxTime),
                "--output", out.toString(), url);
    }

    static List<StreamFrames> parseFlatStreams(String ffprobeFlatOutput) {
        Map<Integer, Map<String, String>> fieldsByIndex = new TreeMap<>();
        Matcher m = FLAT_STREAM_FIELD.matcher(ffprobeFlatOutput);
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            fieldsByIndex.computeIfAbsent(index, i -> new TreeMap<>()).put(m.group(2), m.group(3));
        }
        List<StreamFrames> streams = new ArrayList<>();
        for (Map<String, String> fields : fieldsByIndex.values()) {
            String frames = fields.getOrDefault("nb_read_frames", "0");
            streams.add(new StreamFrames(fields.getOrDefault("codec_type", "?"), fields.getOrDefault("codec_name", "?"),
                    frames.matches("\\d+") ? Long.parseLong(frames) : 0));
        }
        return streams;
    }

    private static String seconds(Duration duration) {
        return String.valueOf(Math.max(1, duration.toSeconds()));
    }

    private static Path tempFile(String tool) {
        return WorkDirs.newFile(tool, ".log");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file only costs disk space
        }
    }
}
