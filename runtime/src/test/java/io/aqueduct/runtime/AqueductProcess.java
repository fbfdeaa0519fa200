package io.aqueduct.runtime;

import io.aqueduct.testing.Await;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One Aqueduct server started from the assembled distribution ({@code bin/aqueduct -c NAME.conf}) as a child
 * process, the way an operator starts it: the working directory is a fresh directory holding the config file,
 * stdin is /dev/null (headless), stdout and stderr go to {@code NAME.log} there and into memory.
 *
 * <p>The distribution is found through the system property {@code aqueduct.dist} (set by the build).
 * Methods are meant for one test thread; {@link #log()} may be called from any thread.
 */
public final class AqueductProcess implements AutoCloseable {

    /** How long a server may take to open a port after launch (generous: CI hosts are slow and shared). */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** How long a server may take to exit after SIGTERM. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The JVM's exit code after SIGTERM when the shutdown hooks completed (128 + 15). */
    public static final int EXIT_CODE_SIGTERM = 143;

    /**
     * JVM options for servers under test: Netty reports every leaked buffer (as an ERROR log line), and a small
     * heap keeps several servers side by side within a CI host's memory.
     */
    public static final String DEFAULT_OPTS = "-Dio.netty.leakDetection.level=paranoid -Xmx256m";

    private static final Pattern PROBLEM = Pattern.compile("\\bERROR\\b|Exception|LEAK:");

    private final String name;
    private final Path workDir;
    private final Path config;
    private final Path logFile;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread outputPump;

    private AqueductProcess(String name, Path workDir, Path config, Path logFile, Process process) {
        this.name = name;
        this.workDir = workDir;
        this.config = config;
        this.logFile = logFile;
        this.process = process;
        this.outputPump = new Thread(this::pumpOutput, "aqueduct-output-" + name);
        outputPump.setDaemon(true);
        outputPump.start();
    }

    /** The assembled distribution directory (holding bin/aqueduct). */
    public static Path distribution() {
        String dist = System.getProperty("aqueduct.dist");
        if (dist == null || dist.isBlank()) {
            throw new IllegalStateException("system property aqueduct.dist is not set (run through mvn verify)");
        }
        Path home = Path.of(dist).toAbsolutePath();
        if (!Files.isExecutable(home.resolve("bin/aqueduct"))) {
            throw new IllegalStateException("no executable bin/aqueduct in " + home + " (run mvn package first)");
        }
        return home;
    }

    /**
     * Writes {@code configText} to {@code NAME.conf} in a new work directory and starts {@code bin/aqueduct -c
     * NAME.conf} there. Returns at once: wait with {@link #awaitListening(int)}.
     *
     * @param name       config file name without ".conf"; also names the instance directory and the log file
     * @param configText SRS-style configuration
     */
    public static AqueductProcess start(String name, String configText) {
        return start(name, configText, Map.of("AQUEDUCT_OPTS", DEFAULT_OPTS));
    }

    /**
     * Like {@link #start(String, String)}, with extra environment variables for bin/aqueduct (e.g.
     * {@code AQUEDUCT_OPTS}; give it to replace {@link #DEFAULT_OPTS}).
     */
    public static AqueductProcess start(String name, String configText, Map<String, String> environment) {
        Path workDir = WorkDirs.newDirectory(name);
        Path config = workDir.resolve(name + ".conf");
        Path logFile = workDir.resolve(name + ".log");
        try {
            Files.writeString(config, configText, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    distribution().resolve("bin/aqueduct").toString(), "-c", config.getFileName().toString()))
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true);
            builder.environment().remove("JAVA_OPTS");
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new AqueductProcess(name, workDir, config, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start bin/aqueduct for " + name, e);
        }
    }

    /** Starts a server and waits until it accepts TCP connections on 127.0.0.1:{@code port}. */
    public static AqueductProcess startListening(String name, String configText, int port) {
        AqueductProcess server = start(name, configText);
        try {
            return server.awaitListening(port);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** Waits up to {@link #STARTUP_TIMEOUT} until 127.0.0.1:{@code port} accepts connections. */
    public AqueductProcess awaitListening(int port) {
        return awaitListening(port, STARTUP_TIMEOUT);
    }

    /**
     * Waits until 127.0.0.1:{@code port} accepts connections.
     *
     * @throws AssertionError when the deadline passes or the server exits first; the message holds its log
     */
    public AqueductProcess awaitListening(int port, Duration timeout) {
        Await.until(timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before listening on "
                        + port + ":\n" + log());
            }
            return accepts(port);
        }, () -> name + " does not listen on 127.0.0.1:" + port + "; log:\n" + log());
        return this;
    }

    /** Waits until the server's output contains {@code text}. */
    public AqueductProcess awaitLog(String text, Duration timeout) {
        Await.until(timeout, () -> log().contains(text), () -> name + " never logged \"" + text + "\"; log:\n" + log());
        return this;
    }

    /** True when a TCP connection to 127.0.0.1:{@code port} succeeds now. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Everything the server printed so far (stdout and stderr). */
    public String log() {
        return output.toString();
    }

    /**
     * Lines of the output that report a problem: ERROR level (log4j2 pattern and Felix's own "ERROR:"), exceptions
     * and Netty leak reports. A healthy server prints none.
     */
    public List<String> problemLines() {
        return log().lines().filter(line -> PROBLEM.matcher(line).find()).toList();
    }

    /** The server's PID: bin/aqueduct execs the JVM, so this is the Java process. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The working directory the server was started in; it holds the config and the log file. */
    public Path workDir() {
        return workDir;
    }

    public Path config() {
        return config;
    }

    public Path logFile() {
        return logFile;
    }

    /** The instance state directory bin/aqueduct derives from the config name: ./objs/aqueduct/NAME. */
    public Path instanceDir() {
        return workDir.resolve("objs/aqueduct").resolve(name);
    }

    /**
     * Sends SIGTERM and waits up to {@link #STOP_TIMEOUT} for the process to exit; kills it (SIGKILL) and fails
     * if it does not.
     *
     * @return the exit code ({@link #EXIT_CODE_SIGTERM} after a clean shutdown, or the earlier exit code)
     * @throws AssertionError when the server had to be killed
     */
    public int stop() {
        if (process.isAlive()) {
            // the handle, not Process.destroy(): that one also closes our end of stdout, losing the last lines
            process.toHandle().destroy();
            if (!waitFor(STOP_TIMEOUT)) {
                process.toHandle().destroyForcibly();
                waitFor(STOP_TIMEOUT);
                awaitOutputEnd();
                throw new AssertionError(name + " (pid " + pid() + ") did not exit within " + STOP_TIMEOUT.toSeconds()
                        + " s after SIGTERM and was killed; log:\n" + log());
            }
        }
        awaitOutputEnd();
        return process.exitValue();
    }

    /** Stops the server if it still runs (see {@link #stop()}). */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private void awaitOutputEnd() {
        try {
            outputPump.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
                file.write(line);
                file.newLine();
                file.flush();
            }
        } catch (IOException e) {
            output.append("[output capture failed: ").append(e).append("]\n");
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + workDir + ")";
    }
}
