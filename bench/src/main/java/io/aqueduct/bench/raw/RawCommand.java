package io.aqueduct.bench.raw;

import io.aqueduct.bench.Args;
import io.aqueduct.bench.flv.FlvFile;
import io.aqueduct.bench.net.Transport;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code raw}: runs the {@link RawServer} reference on 127.0.0.1. */
public final class RawCommand {

    private RawCommand() {
    }

    public static void run(Args args, PrintStream out) throws Exception {
        FlvFile file = FlvFile.read(Path.of(args.required("file")));
        int port = args.integer("port", 19400);
        int window = args.integer("window-ms", 0);
        long duration = (long) (args.decimal("duration", 0) * 1000);
        int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
        Transport transport = Transport.choose(args.flag("nio", false));
        args.rejectUnknown();
        RawServer server = new RawServer(file, window);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        out.printf("raw: serving %s (%.0f kbit/s) on 127.0.0.1:%d, write window %d ms, %d threads (%s)%n",
                file.path(), file.bitsPerSecond() / 1000, port, window, threads, transport);
        out.flush();
        server.run(transport, threads, port, duration);
    }
}
