package io.aqueduct.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real ffmpeg (and any other tool) for tests: bounded in time, output captured, killed on timeout. The tools are
 * installed by the test command (./test.sh); a missing tool fails the test.
 */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    /** A finished tool: its exit code (-1 when killed at its deadline) and everything it printed. */
    public record Result(int exitCode, String output) {

        /** The last {@code frame=} count ffmpeg reported, or -1. */
        public int frames() {
            Matcher m = Pattern.compile("frame=\\s*(\\d+)").matcher(output);
            int last = -1;
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
            return last;
        }
    }

    /**
     * Starts ffmpeg publishing a test pattern (H.264, 320x240, 25 fps, a key frame every second) and a tone (AAC) at
     * real-time pace to {@code url} for {@code seconds}. Stop it with {@link #stop}.
     */
    public static Process publish(String url, int seconds) throws IOException {
        return start(publishCommand(url, seconds));
    }

    /** The command {@link #publish} runs, for a test that runs it to its end and reads what ffmpeg said. */
    public static List<String> publishCommand(String url, int seconds) {
        return List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-b:v", "300k",
                "-c:a", "aac", "-b:a", "64k", "-f", "flv", url);
    }

    /**
     * Like {@link #publishCommand}, but a constant {@code megabits} Mbit/s of video (x264 filler data pads the small
     * frames), for tests that need a heavy stream cheaply.
     */
    public static List<String> publishCbrCommand(String url, int seconds, int megabits) {
        String rate = megabits + "M";
        return List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-b:v", rate,
                "-minrate", rate, "-maxrate", rate, "-bufsize", "1M", "-x264-params", "nal-hrd=cbr:filler=1",
                "-c:a", "aac", "-b:a", "64k", "-f", "flv", url);
    }

    /** Starts {@code cmd} (such as {@link #publishCbrCommand}) with its output in a temporary file. */
    public static Process start(List<String> cmd) throws IOException {
        File log = File.createTempFile("ffmpeg", ".log");
        log.deleteOnExit();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Stops a tool: SIGTERM, then SIGKILL after 10 s. */
    public static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Decodes {@code seconds} of a live stream with ffmpeg; the output lists the streams and the frame count. */
    public static Result decode(String url, int seconds) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(seconds + 25L), List.of("ffmpeg", "-hide_banner", "-nostdin",
                "-rw_timeout", "10000000", "-i", url, "-t", Integer.toString(seconds), "-f", "null", "-"));
    }

    /** Runs a command to its end, at most {@code timeout}; output and errors together. */
    public static Result run(Duration timeout, List<String> cmd) throws IOException, InterruptedException {
        File out = File.createTempFile("tool", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(out)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, Files.readString(out.toPath(), StandardCharsets.UTF_8) + "\n[timed out]");
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
        }
    }
}
