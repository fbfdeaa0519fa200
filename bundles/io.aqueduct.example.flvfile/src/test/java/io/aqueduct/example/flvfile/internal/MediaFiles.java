package io.aqueduct.example.flvfile.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes real FLV files with ffmpeg for tests: H.264 + AAC, bounded in time, output captured for failures. */
final class MediaFiles {

    private MediaFiles() {
    }

    /** An FLV file of {@code seconds} of 320x240 25 fps H.264 (a key frame every second) and AAC audio. */
    static Path flv(Path dir, String name, int seconds) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        Path log = dir.resolve(name + ".log");
        List<String> cmd = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-g", "25", "-c:a", "aac", "-f", "flv",
                out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("ffmpeg did not finish within 60 s: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
            throw new IOException("ffmpeg failed (" + p.exitValue() + "): " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A copy of {@code file} without its last {@code bytes} bytes: the last tag is cut short. */
    static Path truncated(Path file, Path dir, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Path out = dir.resolve("truncated-" + file.getFileName());
        Files.write(out, java.util.Arrays.copyOf(all, all.length - bytes));
        return out;
    }
}
