package io.aqueduct.bench.matrix;

import io.aqueduct.bench.Args;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The settings of a {@code matrix} run; every one has a default matching the standard matrix. */
record MatrixOptions(Path aqueduct, Path mediaDir, List<String> media, List<Integer> players, List<String> protocols,
        List<String> modes, List<Integer> writeWindows, boolean raw, double window, double warmup, double rate,
        int rcvlowat, String serverCpus, String allCpus, String loadCpus, String serverOpts, int repeat, Path out,
        String timeJitter) {

    static MatrixOptions parse(Args a) {
        return new MatrixOptions(
                Path.of(a.string("aqueduct", "runtime/target/aqueduct")).toAbsolutePath(),
                Path.of(a.string("media-dir", "bench/target/media")).toAbsolutePath(),
                list(a.string("bitrates", "1mbps")),
                MatrixCommand.integers(a.string("players", "100,500,1000,2000,4000")),
                list(a.string("protocols", "rtmp,flv")),
                list(a.string("modes", "pinned,both")),
                MatrixCommand.integers(a.string("write-windows", "0")),
                a.flag("raw", true), a.decimal("window", 20), a.decimal("warmup", 45),
                a.decimal("rate", 200), a.integer("rcvlowat", 16 * 1024),
                a.string("server-cpus", "0"), a.string("all-cpus", "0,1"), a.string("load-cpus", "1"),
                a.string("server-opts", ""), Math.max(1, a.integer("repeat", 1)),
                Path.of(a.string("out", "bench/RESULTS.md")).toAbsolutePath(),
                a.string("time-jitter", "full"));
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
