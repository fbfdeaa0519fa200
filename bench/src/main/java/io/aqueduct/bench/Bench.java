package io.aqueduct.bench;

import io.aqueduct.bench.latency.LatencyCommand;
import io.aqueduct.bench.load.LoadCommand;
import io.aqueduct.bench.matrix.MatrixCommand;
import io.aqueduct.bench.publish.PublishCommand;
import io.aqueduct.bench.raw.RawCommand;
import java.io.PrintStream;

/**
 * The benchmark tool: {@code java -jar aqueduct-bench.jar <command> [--option value ...]}. Its reports go to
 * standard output (it is a command-line tool); see bench/README.md for every command and option.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(out);
            return;
        }
        if (args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Args options = new Args(args, 1);
        switch (args[0]) {
            case "publish" -> PublishCommand.run(options, out);
            case "load" -> LoadCommand.run(options, out);
            case "raw" -> RawCommand.run(options, out);
            case "latency" -> LatencyCommand.run(options, out);
            case "matrix" -> MatrixCommand.run(options, out);
            default -> {
                usage(System.err);
                System.exit(2);
            }
        }
        // Netty's global executor threads and pooled allocators must not keep the JVM alive.
        System.exit(0);
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: java -jar aqueduct-bench.jar COMMAND [--option value ...]
                  publish  --file F.flv [--url rtmp://127.0.0.1:1935/live/bench] [--duration S] [--stamp true]
                  load     [--rtmp N] [--flv N] [--tcp N] [--rtmp-url U] [--flv-url U] [--tcp-address H:P]
                           [--rate 200] [--warmup 5] [--window 20] [--media F.flv | --source-kbps K]
                           [--server-pid PID] [--threads T] [--rcvlowat 16384] [--result FILE]
                  raw      --file F.flv [--port 19400] [--window-ms 0] [--duration S] [--threads T]
                  latency  [--url rtmp://... | http://....flv] [--duration 20]
                  matrix   [--aqueduct runtime/target/aqueduct] [--media-dir bench/target/media]
                           [--players 100,500,1000,2000,4000] [--protocols rtmp,flv] [--modes pinned,both]
                           [--bitrates 1mbps] [--raw-window-ms 0] [--window 20] [--warmup 5] [--rate 200]
                           [--time-jitter full]
                           [--out bench/RESULTS.md]
                  jmh      [JMH options, e.g. -f 1 -wi 3 -i 5 ChunkEncoding]
                See bench/README.md.""");
    }
}
