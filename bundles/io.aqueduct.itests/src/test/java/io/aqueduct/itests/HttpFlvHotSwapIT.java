package io.aqueduct.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * Stopping, starting, updating, uninstalling and installing the HTTP-FLV bundle under a live stream: its HTTP
 * players are closed and its port freed, the RTMP publisher and RTMP players go on without a gap, and the bundle
 * serves the live stream again when it returns.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HttpFlvHotSwapIT extends AqueductTestSupport {

    @Configuration
    public Option[] config() {
        return origin();
    }

    @Test
    public void stopStartUpdateAndReinstallOfHttpFlvLeaveRtmpUntouched() throws Exception {
        int rtmp = freePort();
        int http = freePort();
        configure("io.aqueduct.rtmp.server", "listen", new String[] {"127.0.0.1:" + rtmp});
        configure("io.aqueduct.http.server", "enabled", true, "listen", new String[] {"127.0.0.1:" + http});
        configureFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", "vhost", "__defaultVhost__",
                "enabled", true, "mount", "[vhost]/[app]/[stream].flv");
        await(Duration.ofSeconds(10), () -> accepts(rtmp) && accepts(http), "RTMP and HTTP listening");

        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        String url = "rtmp://127.0.0.1:" + rtmp + "/live/swap";
        try (SyntheticPublisher publisher = new SyntheticPublisher(group, url);
             GapMeasuringPlayer player = new GapMeasuringPlayer(group, url)) {
            await(Duration.ofSeconds(10), () -> player.video.get() > 10, "RTMP player receives");
            Socket httpPlayer = httpPlay(http, "/live/swap.flv");
            assertTrue("HTTP player receives the stream", readSome(httpPlayer, 20_000));

            Bundle httpflv = installed("io.aqueduct.httpflv");
            player.resetGap();
            httpflv.stop();
            await(Duration.ofSeconds(10), () -> !accepts(http), "HTTP port freed");
            assertTrue("the HTTP player's connection is closed", closedSoon(httpPlayer));
            int before = player.video.get();
            await(Duration.ofSeconds(5), () -> player.video.get() > before + 25, "RTMP player keeps receiving");

            httpflv.start();
            await(Duration.ofSeconds(10), () -> accepts(http), "HTTP port back");
            Socket again = httpPlay(http, "/live/swap.flv");
            assertTrue("the live stream is served again after the restart", readSome(again, 20_000));
            again.close();

            httpflv.update();
            await(Duration.ofSeconds(10), () -> httpflv.getState() == Bundle.ACTIVE && accepts(http),
                    "updated bundle active and listening");
            Socket afterUpdate = httpPlay(http, "/live/swap.flv");
            assertTrue("served after an update of the bundle", readSome(afterUpdate, 20_000));
            afterUpdate.close();

            String location = httpflv.getLocation();
            httpflv.uninstall();
            await(Duration.ofSeconds(10), () -> !accepts(http), "HTTP port freed by the uninstall");
            context.installBundle(location).start();
            await(Duration.ofSeconds(10), () -> accepts(http), "reinstalled bundle listening");
            Socket afterReinstall = httpPlay(http, "/live/swap.flv");
            assertTrue("served after an uninstall and install of the bundle", readSome(afterReinstall, 20_000));
            afterReinstall.close();

            assertTrue("publisher never disconnected", publisher.isConnected());
            assertFalse("RTMP player never disconnected", player.isClosed());
            System.out.printf("longest gap of an RTMP player while HTTP-FLV was stopped, started, updated, uninstalled, "
                    + "installed: %d ms%n",
                    player.maxGapMillis());
            assertTrue("gap " + player.maxGapMillis() + " ms", player.maxGapMillis() < 500);
            assertEquals(Bundle.ACTIVE, installed("io.aqueduct.rtmp.server").getState());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Socket httpPlay(int port, String path) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static boolean readSome(Socket s, int bytes) throws Exception {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        int total = 0;
        while (total < bytes) {
            int n = in.read(buf);
            if (n < 0) {
                return false;
            }
            total += n;
        }
        return true;
    }

    /** Reads until the peer closes; false if it is still sending after 10 s of data. */
    private static boolean closedSoon(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketException reset) {
            return true;
        } finally {
            s.close();
        }
        return false;
    }
}
