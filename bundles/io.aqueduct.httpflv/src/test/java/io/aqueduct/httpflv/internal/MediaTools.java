package io.aqueduct.httpflv.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs curl and ffprobe for tests: bounded in time, output captured, killed on timeout. */
final class MediaTools {

    private MediaTools() {
    }

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
}
