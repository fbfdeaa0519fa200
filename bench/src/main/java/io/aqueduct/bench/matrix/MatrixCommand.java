package io.aqueduct.bench.matrix;

import io.aqueduct.bench.Args;
import io.aqueduct.bench.load.LoadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code matrix}: the standard benchmark. For each media file, CPU mode and player count it runs the raw reference,
 * then a fresh Aqueduct server per protocol (bin/aqueduct with a generated config on free ports) with a looping
 * publisher; the load generator measures each. The server is pinned to the server CPUs, publisher and load to the
 * load CPUs. The Markdown table is printed and appended to the results file with date and machine.
 */
public final class MatrixCommand {

    /**
     * The bench's own processes (raw reference, publisher, load) run as the server does (bin/aqueduct): Netty's
     * leak sampling would trace every duplicate of a sampled shared buffer, which the raw reference writes too.
     */
    private static final String NO_LEAK_SAMPLING = "-Dio.netty.leakDetection.level=disabled";

    private MatrixCommand() {
    }

    public static void run(Args args, PrintStream out) throws Exception {
        MatrixOptions o = MatrixOptions.parse(args);
        args.rejectUnknown();
        Path binAqueduct = o.aqueduct().resolve("bin/aqueduct");
        if (!Files.isExecutable(binAqueduct)) {
            throw new IOException("no distribution at " + o.aqueduct() + " (build it: mvn -B -q package -DskipTests)");
        }
        Path work = Files.createTempDirectory("aqueduct-bench-");
        out.printf("matrix: work directory %s%n", work);
        List<MatrixRow> rows = new ArrayList<>();
        for (String media : o.media()) {
            Path file = o.mediaDir().resolve(media + ".flv");
            if (!Files.isReadable(file)) {
                throw new IOException("missing " + file + " (run bench/make-media.sh)");
            }
            for (int writeWindow : o.writeWindows()) {
                for (String mode : o.modes()) {
                    String serverCpus = mode.equals("pinned") ? o.serverCpus() : o.allCpus();
                    for (int players : o.players()) {
                        Cell cell = new Cell(o, work, file, media, writeWindow, players, serverCpus, out);
                        // Rounds in turn, so a drift of the machine touches every row of the cell alike.
                        for (int round = 0; round < o.repeat(); round++) {
                            double raw = Double.NaN;
                            if (o.raw()) {
                                MatrixRow rawRow = cell.runRaw();
                                rows.add(rawRow);
                                raw = rawRow.result() == null ? Double.NaN : rawRow.result().megabitsPerCpuSecond();
                            }
                            for (String protocol : o.protocols()) {
                                rows.add(cell.runServer(binAqueduct, protocol, raw));
                            }
                            out.println(ResultsTable.markdown(rows));
                        }
                    }
                }
            }
        }
        String section = header(o) + "\n" + ResultsTable.markdown(rows)
                + (o.repeat() > 1 ? "\n" + ResultsTable.medians(rows) : "");
        out.println(section);
        if (!Files.exists(o.out())) {
            Files.writeString(o.out(), "# Aqueduct benchmark results\n\nProduced by `java -jar bench/target/"
                    + "aqueduct-bench.jar matrix` (see bench/README.md). Newest runs at the end.\n");
        }
        Files.writeString(o.out(), "\n" + section, StandardOpenOption.APPEND);
        out.printf("matrix: appended to %s%n", o.out());
    }

    private static String header(MatrixOptions o) throws IOException, InterruptedException {
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return "## " + date.substring(0, 16).replace('T', ' ') + "\n\n"
                + "Machine: " + command("nproc") + " CPUs, " + cpuModel() + ", kernel " + command("uname", "-r")
                + ", Java " + System.getProperty("java.version") + ".\n"
                + "Server CPUs: pinned = " + o.serverCpus() + ", both = " + o.allCpus() + "; publisher and load on CPUs "
                + o.loadCpus() + ". Ramp " + o.rate() + "/s, warm-up " + o.warmup() + " s, window " + o.window()
                + " s, SO_RCVLOWAT " + o.rcvlowat() + " B on the players (not on the latency probe). Write window W: the"
                + " server's `mw_latency` and the raw reference's window."
                + (o.timeJitter().equals("full") ? "" : " `time_jitter " + o.timeJitter() + "`.")
                + " Server JVM options: "
                + (o.serverOpts().isBlank() ? "the launcher's defaults" : "`" + o.serverOpts() + "` after the launcher's defaults")
                + "." + (o.repeat() > 1 ? " Each cell ran " + o.repeat() + " times in turn (raw, then each protocol, "
                + "again); the second table gives medians." : "") + "\n";
    }

    private static String cpuModel() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown CPU";
    }

    private static String command(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(5, TimeUnit.SECONDS);
        return s;
    }

    /** One player count on one CPU mode: the raw reference and the server runs share its settings. */
    private record Cell(MatrixOptions o, Path work, Path file, String media, int writeWindow, int players,
            String serverCpus, PrintStream out) {

        MatrixRow runRaw() throws Exception {
            String label = "raw";
            Path dir = runDir("raw");
            int port = ChildProcess.freePort();
            out.printf("%n== %s %s, %d players, server CPUs %s%n", media, label, players, serverCpus);
            try (ChildProcess raw = ChildProcess.start("raw server", serverCpus,
                    List.of(ChildProcess.javaCommand(), NO_LEAK_SAMPLING, "-jar", selfJar(), "raw", "--file", file.toString(),
                            "--port", Integer.toString(port), "--window-ms", Integer.toString(writeWindow)),
                    Map.of(), dir.resolve("raw.log"))) {
                raw.awaitPort(port, 20_000);
                LoadResult r = load(dir, raw.pid(), List.of("--tcp", Integer.toString(players), "--tcp-address",
                        "127.0.0.1:" + port));
                return new MatrixRow(media, writeWindow, label, players, serverCpus, r, Double.NaN, Double.NaN, null);
            } catch (IOException e) {
                out.printf("matrix: %s failed: %s%n", label, e.getMessage());
                return new MatrixRow(media, writeWindow, label, players, serverCpus, null, Double.NaN, Double.NaN,
                        e.getMessage());
            }
        }

        MatrixRow runServer(Path binAqueduct, String protocol, double raw) throws Exception {
            Path dir = runDir(protocol);
            int rtmpPort = ChildProcess.freePort();
            int httpPort = ChildProcess.freePort();
            Path conf = ServerConfig.write(dir, rtmpPort, httpPort, writeWindow, o.timeJitter());
            Path gcLog = dir.resolve("gc.log");
            String label = protocol.equals("rtmp") ? "RTMP" : "HTTP-FLV";
            out.printf("%n== %s %s, %d players, server CPUs %s (logs in %s)%n", media, label, players, serverCpus,
                    dir);
            String rtmpUrl = "rtmp://127.0.0.1:" + rtmpPort + "/live/bench";
            long serverStarted = System.nanoTime();
            try (ChildProcess server = ChildProcess.start("aqueduct", serverCpus,
                    List.of(binAqueduct.toString(), "-c", conf.toString()),
                    Map.of("AQUEDUCT_INSTANCE_DIR", dir.resolve("instance").toString(),
                            "AQUEDUCT_OPTS", "-Xlog:gc:file=" + gcLog + " " + o.serverOpts()),
                    dir.resolve("server.log"))) {
                server.awaitPort(rtmpPort, 60_000);
                if (protocol.equals("flv")) {
                    server.awaitPort(httpPort, 30_000);
                }
                try (ChildProcess publisher = ChildProcess.start("publisher", o.loadCpus(),
                        List.of(ChildProcess.javaCommand(), NO_LEAK_SAMPLING, "-jar", selfJar(), "publish", "--file", file.toString(),
                                "--url", rtmpUrl), Map.of(), dir.resolve("publisher.log"))) {
                    // Let the first GOP reach the server's cache so early players start with a key frame.
                    TimeUnit.SECONDS.sleep(3);
                    List<String> players = protocol.equals("rtmp")
                            ? List.of("--rtmp", Integer.toString(this.players), "--rtmp-url", rtmpUrl)
                            : List.of("--flv", Integer.toString(this.players), "--flv-url",
                                    "http://127.0.0.1:" + httpPort + "/live/bench.flv");
                    double loadFrom = (System.nanoTime() - serverStarted) / 1e9;
                    LoadResult r = load(dir, server.pid(), players);
                    return new MatrixRow(media, writeWindow, label, this.players, serverCpus, r, raw,
                            GcLog.maxPauseMillis(gcLog, loadFrom), null);
                }
            } catch (IOException e) {
                out.printf("matrix: %s failed: %s%n", label, e.getMessage());
                return new MatrixRow(media, writeWindow, label, players, serverCpus, null, raw, Double.NaN,
                        e.getMessage());
            }
        }

        private LoadResult load(Path dir, long serverPid, List<String> players) throws Exception {
            Path result = dir.resolve("load.properties");
            List<String> command = new ArrayList<>(List.of(ChildProcess.javaCommand(), NO_LEAK_SAMPLING, "-jar", selfJar(), "load",
                    "--media", file.toString(), "--server-pid", Long.toString(serverPid),
                    "--rate", Double.toString(o.rate()), "--warmup", Double.toString(o.warmup()),
                    "--window", Double.toString(o.window()), "--rcvlowat", Integer.toString(o.rcvlowat()),
                    "--result", result.toString()));
            command.addAll(players);
            try (ChildProcess load = ChildProcess.start("load", o.loadCpus(), command, Map.of(), null)) {
                long budget = (long) ((players.size() > 0 ? this.players / o.rate() : 0) + o.warmup() + o.window()
                        + 60) * 1000;
                int status = load.waitFor(budget);
                if (status != 0) {
                    throw new IOException("load generator exited with status " + status);
                }
            }
            try (Reader in = Files.newBufferedReader(result)) {
                return LoadResult.load(in);
            }
        }

        private Path runDir(String what) throws IOException {
            Path dir = work.resolve(media + "-w" + writeWindow + "-" + what + "-" + players + "-cpus"
                    + serverCpus.replace(',', '_'));
            Files.createDirectories(dir);
            return dir;
        }
    }

    static String selfJar() {
        try {
            return Path.of(MatrixCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Integer> integers(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
