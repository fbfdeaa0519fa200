package io.aqueduct.forward.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real ffmpeg for the tests: bounded in time, output captured, killed on timeout. */
final class Ffmpeg {

    private Ffmpeg() {
    }

    /** Publishes a test pattern (H.264, 25 fps, GOP 1 s) and a tone (AAC) at real-time pace to {@code url}. */
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

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    record Result(int exitCode, String output) {

        /** The last {@code frame=} count ffmpeg reported. */
        int frames() {
            Matcher m = Pattern.compile("frame=\\s*(\\d+)").matcher(output);
            int last = -1;
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
            return last;
        }
    }

    /** Decodes {@code seconds} of a stream; the report lists the streams and the frame count. */
    static Result decode(String url, int seconds) throws IOException, InterruptedException {
        List<String> cmd = List.of("ffmpeg", "-hide_banner", "-nostdin", "-rw_timeout", "10000000", "-i", url,
                "-t", Integer.toString(seconds), "-f", "null", "-");
        File out = File.createTempFile("ffmpeg-decode", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Duration timeout = Duration.ofSeconds(seconds + 25L);
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
