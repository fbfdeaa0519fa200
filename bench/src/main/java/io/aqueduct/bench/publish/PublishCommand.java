package io.aqueduct.bench.publish;

import io.aqueduct.bench.Args;
import io.aqueduct.bench.flv.FlvFile;
import io.aqueduct.bench.net.Transport;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.netty.channel.EventLoopGroup;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code publish}: sends an FLV file to an RTMP URL in a loop until the duration is over. */
public final class PublishCommand {

    private PublishCommand() {
    }

    public static void run(Args args, PrintStream out) throws Exception {
        RtmpUrl url = RtmpUrl.parse(args.string("url", "rtmp://127.0.0.1:1935/live/bench"));
        FlvFile file = FlvFile.read(Path.of(args.required("file")));
        long duration = (long) (args.decimal("duration", 0) * 1000);
        boolean stamp = args.flag("stamp", true);
        Transport transport = Transport.choose(args.flag("nio", false));
        args.rejectUnknown();
        EventLoopGroup group = transport.newGroup(1);
        LoopingPublisher publisher = new LoopingPublisher(file, url, stamp);
        Runtime.getRuntime().addShutdownHook(new Thread(publisher::stop));
        try {
            out.printf("publish: %s -> %s, %.0f kbit/s, %s%n", file.path(), url, file.bitsPerSecond() / 1000,
                    duration > 0 ? duration / 1000 + " s" : "until stopped");
            publisher.run(group, transport.socketChannel(), duration);
            out.printf("publish: done, %d tags, %d bytes%n", publisher.sentTags(), publisher.sentBytes());
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }
}
