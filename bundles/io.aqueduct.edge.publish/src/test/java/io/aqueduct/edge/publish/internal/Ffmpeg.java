package io.aqueduct.edge.publish.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs ffmpeg for tests: bounded in time, output captured, killed on timeout. */
final class Ffmpeg {

    private Ffmpeg() {
    }

    /** Starts ffmpeg publishing a test pattern (H.264, a key frame a second) and a tone (AAC) in real time. */
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
        if (p != null) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** What ffmpeg printed while decoding, with its exit code. */
    record Result(int exitCode, String output) {

        /** The last {@code frame=} count ffmpeg reported, -1 if none. */
        int frames() {
            Matcher m = Pattern.compile("frame=\\s*(\\d+)").matcher(output);
            int last = -1;
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
            return last;
        }
    }

    /** Decodes {@code seconds} of a stream to nowhere. */
    static Result decode(String url, int seconds) throws IOException, InterruptedException {
        File out = File.createTempFile("ffmpeg-decode", ".out");
        try {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-rw_timeout", "15000000",
                    "-i", url, "-t", Integer.toString(seconds), "-f", "null", "-")
                    .redirectErrorStream(true).redirectOutput(out)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, Files.readString(out.toPath(), StandardCharsets.UTF_8) + "\n[timed out]");
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
        }
    }
}
