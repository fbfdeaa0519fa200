package io.aqueduct.rtmp.server.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffmpeg, ffprobe and rtmpdump for tests: bounded in time, output captured, killed on timeout. */
final class MediaTools {

    private MediaTools() {
    }

    /** Starts ffmpeg publishing a test pattern (H.264) and a tone (AAC) at real-time pace to {@code url}. */
    static Process publish(String url, int seconds) throws IOException {
        List<String> cmd = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-b:v", "300k",
                "-c:a", "aac", "-b:a", "64k", "-f", "flv", url);
        File log = File.createTempFile("ffmpeg-publish", ".log");
        log.deleteOnExit();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** The result of a bounded command. */
    record Result(int exitCode, String output) {
    }

    static Result run(Duration timeout, List<String> cmd) throws IOException, InterruptedException {
        File out = File.createTempFile("tool", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out)
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

    /** Decodes {@code seconds} of a stream with ffmpeg; returns the tool's report (stream list and frame counts). */
    static Result decode(String url, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-rw_timeout", "10000000",
                "-i", url, "-t", Integer.toString(seconds), "-f", "null", "-"));
        return run(Duration.ofSeconds(seconds + 25L), cmd);
    }
}
