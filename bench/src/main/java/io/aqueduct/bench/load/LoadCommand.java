package io.aqueduct.bench.load;

import io.aqueduct.bench.Args;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code load}: runs one load and prints (and optionally stores) its {@link LoadResult}. */
public final class LoadCommand {

    private LoadCommand() {
    }

    public static void run(Args args, PrintStream out) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        String resultFile = args.string("result", null);
        args.rejectUnknown();
        if (options.totalPlayers() == 0) {
            throw new IllegalArgumentException("no players: give --rtmp N, --flv N or --tcp N");
        }
        LoadGenerator generator = new LoadGenerator(options);
        out.printf("load: %d RTMP, %d HTTP-FLV, %d TCP players at %.0f/s, warm-up %.0f s, window %.0f s (%s)%n",
                options.rtmpPlayers(), options.flvPlayers(), options.tcpPlayers(), options.rampPerSecond(),
                options.warmupSeconds(), options.windowSeconds(), generator.transport());
        LoadResult result = generator.run();
        result.print(out);
        if (resultFile != null) {
            try (Writer w = Files.newBufferedWriter(Path.of(resultFile))) {
                result.store(w);
            }
        }
    }
}
