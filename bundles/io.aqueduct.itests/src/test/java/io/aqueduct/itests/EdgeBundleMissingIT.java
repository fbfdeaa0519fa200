package io.aqueduct.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpStatusException;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * A vhost configured as an edge while the edge-ingest bundle is not there: a player is told so at once (RTMP
 * NetStream.Play.Failed, HTTP 503) instead of waiting for a stream that nobody fetches.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class EdgeBundleMissingIT extends AqueductTestSupport {

    @Configuration
    public Option[] config() {
        return origin();
    }

    @Test
    public void playersOfAnEdgeVhostWithoutEdgeIngestGetAClearError() throws Exception {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("io.aqueduct.edge.")) {
                b.uninstall();
            }
        }
        int rtmp = freePort();
        int http = freePort();
        configure("io.aqueduct.rtmp.server", "listen", new String[] {"127.0.0.1:" + rtmp});
        configure("io.aqueduct.http.server", "enabled", true, "listen", new String[] {"127.0.0.1:" + http});
        configureFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", "vhost", "__defaultVhost__",
                "enabled", true, "mount", "[vhost]/[app]/[stream].flv");
        configureFactory("io.aqueduct.edge", "__defaultVhost__", "vhost", "__defaultVhost__", "mode", "remote",
                "origin", new String[] {"127.0.0.1:1"});
        await(Duration.ofSeconds(10), () -> accepts(rtmp) && accepts(http), "RTMP and HTTP listening");

        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            RtmpUrl url = RtmpUrl.parse("rtmp://127.0.0.1:" + rtmp + "/live/cam");
            await(Duration.ofSeconds(10), () -> refusedReason(group, url).contains("edge-ingest bundle is not active"),
                    "an RTMP player is refused with the reason");

            try (Socket s = new Socket("127.0.0.1", http)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /live/cam.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 503", status);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Plays and returns the refusal's description, or "" when the play started. */
    private static String refusedReason(MultiThreadIoEventLoopGroup group, RtmpUrl url) {
        try {
            RtmpClientSession session = RtmpClient.connect(group, NioSocketChannel.class, url, RtmpClientOptions.DEFAULTS)
                    .get(10, TimeUnit.SECONDS);
            try {
                session.play(url.streamName(), m -> m.release()).get(10, TimeUnit.SECONDS);
                return "";
            } catch (ExecutionException e) {
                assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof RtmpStatusException);
                RtmpStatusException status = (RtmpStatusException) e.getCause();
                assertEquals("NetStream.Play.Failed", status.code());
                return status.description();
            } finally {
                session.close();
            }
        } catch (Exception e) {
            fail("RTMP client: " + e);
            return "";
        }
    }
}
