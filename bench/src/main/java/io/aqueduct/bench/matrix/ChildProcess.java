package io.aqueduct.bench.matrix;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the matrix starts (server, raw reference, publisher, load generator), pinned with {@code taskset}.
 * taskset and bin/aqueduct both exec their command, so the pid is the JVM's own, which /proc sampling needs.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code command} on {@code cpus} (a taskset list such as "0" or "0,1"; empty: no pinning) with its output
     * in {@code log} (null: inherited).
     */
    static ChildProcess start(String name, String cpus, List<String> command, Map<String, String> env, Path log)
            throws IOException {
        List<String> full = new ArrayList<>();
        if (!cpus.isEmpty()) {
            full.addAll(List.of("taskset", "-c", cpus));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (log == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        return new ChildProcess(name, pb.start());
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits until 127.0.0.1:{@code port} accepts a connection; fails when the process died or the time is up. */
    void awaitPort(int port, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new IOException(name + " did not listen on port " + port + " within " + timeoutMillis + " ms");
    }

    /** Waits for a process that ends by itself. */
    int waitFor(long timeoutMillis) throws InterruptedException, IOException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            close();
            throw new IOException(name + " did not finish within " + timeoutMillis + " ms");
        }
        return process.exitValue();
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
