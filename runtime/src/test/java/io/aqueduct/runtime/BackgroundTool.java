package io.aqueduct.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external tool running in the background (e.g. an ffmpeg publisher), its output going to a file. Closing it
 * kills the tool if it still runs. Not thread-safe: one test thread drives it.
 */
public final class BackgroundTool implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final Path outputFile;
    private boolean killed;

    BackgroundTool(List<String> command, Process process, Path outputFile) {
        this.command = List.copyOf(command);
        this.process = process;
        this.outputFile = outputFile;
    }

    /** Starts {@code command} with stdin from /dev/null and stdout+stderr into {@code outputFile}. */
    static BackgroundTool start(List<String> command, Path outputFile) {
        return start(command, Path.of("").toAbsolutePath(), outputFile);
    }

    /** Starts {@code command} in {@code directory}, stdin from /dev/null, stdout+stderr into {@code outputFile}. */
    static BackgroundTool start(List<String> command, Path directory, Path outputFile) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile())
                    .start();
            return new BackgroundTool(command, process, outputFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + " (is it installed?)", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What the tool printed so far. */
    public String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the tool ends by itself, at most {@code timeout}; kills it at the deadline.
     *
     * @return the result, with {@code timedOut} set when it had to be killed
     */
    public ToolResult awaitExit(Duration timeout) {
        boolean ended = waitFor(timeout);
        if (!ended) {
            kill();
        }
        return new ToolResult(command, process.exitValue(), output(), !ended);
    }

    /** Kills the tool (SIGTERM, then SIGKILL after 5 s) unless it already ended. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void kill() {
        killed = true;
        process.toHandle().destroy();
        if (!waitFor(Duration.ofSeconds(5))) {
            process.toHandle().destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
    }

    /** True when {@link #close()} or a deadline killed the tool, rather than it ending by itself. */
    public boolean wasKilled() {
        return killed;
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command.get(0), e);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command) + " (pid " + process.pid() + ")";
    }
}
