package io.aqueduct.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.aqueduct.stream.api.StreamRegistry;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * {@code bundle:update} of a service bundle from a changed jar, then a package refresh, under a live stream: the new
 * jar's content takes effect in the running framework, the refresh restarts nothing but the updated bundle, and the
 * core (its registry service), the RTMP publisher and the RTMP player go on untouched.
 *
 * <p>The changed jar is the HTTP-FLV bundle with a new manifest header and a changed default in its component
 * descriptor ({@code play_wait_ms}), so both the framework (headers) and Declarative Services (the component's
 * service properties) show which revision runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ChangedJarUpdateAndRefreshIT extends AqueductTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String HTTP_SERVER = "io.aqueduct.httpflv.internal.HttpServer";
    private static final String REVISION_HEADER = "Aqueduct-Test-Revision";

    @Configuration
    public Option[] config() {
        return origin();
    }

    @Test
    public void anUpdateFromAChangedJarTakesEffectAndARefreshLeavesTheCoreRunning() throws Exception {
        int rtmp = freePort();
        int http = freePort();
        configure("io.aqueduct.rtmp.server", "listen", new String[] {"127.0.0.1:" + rtmp});
        configure("io.aqueduct.http.server", "enabled", true, "listen", new String[] {"127.0.0.1:" + http});
        configureFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", "vhost", "__defaultVhost__",
                "enabled", true, "mount", "[vhost]/[app]/[stream].flv");
        await(DEADLINE, () -> accepts(rtmp) && accepts(http), "RTMP and HTTP listening");

        Bundle core = installed("io.aqueduct.stream");
        Object registryId = context.getServiceReference(StreamRegistry.class).getProperty("service.id");
        Set<String> stopped = ConcurrentHashMap.newKeySet();
        // Synchronous: only such listeners hear STOPPING, and they hear it before stop() returns.
        SynchronousBundleListener stops = event -> {
            if (event.getType() == BundleEvent.STOPPING) {
                stopped.add(event.getBundle().getSymbolicName());
            }
        };

        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        String url = "rtmp://127.0.0.1:" + rtmp + "/live/rev";
        try (SyntheticPublisher publisher = new SyntheticPublisher(group, url);
             GapMeasuringPlayer player = new GapMeasuringPlayer(group, url)) {
            await(DEADLINE, () -> player.video.get() > 10, "RTMP player receives");
            assertTrue("HTTP-FLV serves before the update", serves(http, "/live/rev.flv"));
            Bundle httpflv = installed("io.aqueduct.httpflv");
            assertEquals("3000", String.valueOf(httpServerProperty("play_wait_ms")));
            player.resetGap();
            context.addBundleListener(stops);

            File changed = changedCopy(new File(URI.create(httpflv.getLocation())));
            try (InputStream in = new FileInputStream(changed)) {
                httpflv.update(in);
            }
            await(DEADLINE, () -> httpflv.getState() == Bundle.ACTIVE && accepts(http), "updated bundle listening");
            assertEquals("the new jar's manifest is in force", "2", httpflv.getHeaders().get(REVISION_HEADER));
            await(DEADLINE, () -> "1234".equals(String.valueOf(httpServerProperty("play_wait_ms"))),
                    "the new jar's component descriptor is in force");
            assertTrue("HTTP-FLV serves the live stream from the new jar", serves(http, "/live/rev.flv"));
            assertEquals("the update restarted only the updated bundle", Set.of("io.aqueduct.httpflv"), stopped);
            stopped.clear();

            FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
            refresh(wiring, null);
            refresh(wiring, List.of(httpflv));
            await(DEADLINE, () -> httpflv.getState() == Bundle.ACTIVE && accepts(http), "refreshed bundle listening");
            assertEquals("the refresh keeps the new revision", "2", httpflv.getHeaders().get(REVISION_HEADER));
            assertTrue("HTTP-FLV serves after the refresh", serves(http, "/live/rev.flv"));
            context.removeBundleListener(stops);

            assertEquals("the refresh restarted only the updated bundle", Set.of("io.aqueduct.httpflv"), stopped);
            assertEquals(Bundle.ACTIVE, core.getState());
            assertEquals("the registry service was not re-registered", registryId,
                    context.getServiceReference(StreamRegistry.class).getProperty("service.id"));
            assertTrue("publisher never disconnected", publisher.isConnected());
            assertFalse("RTMP player never disconnected", player.isClosed());
            System.out.printf("longest gap of an RTMP player while HTTP-FLV was updated from a changed jar and "
                    + "packages were refreshed: %d ms%n", player.maxGapMillis());
            assertTrue("gap " + player.maxGapMillis() + " ms", player.maxGapMillis() < 500);
        } finally {
            context.removeBundleListener(stops);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Refreshes packages ({@code null}: the bundles pending removal or update) and waits until it is done. */
    private static void refresh(FrameworkWiring wiring, List<Bundle> bundles) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue("packages refreshed within 10 s", done.await(10, TimeUnit.SECONDS));
    }

    private Object httpServerProperty(String key) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(HTTP_SERVER, null);
            return refs == null ? null : refs[0].getProperty(key);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the bundle jar with a new manifest header and a changed default in its HTTP server descriptor. */
    private static File changedCopy(File jar) throws Exception {
        assertTrue("bundle jar " + jar, jar.isFile());
        File copy = File.createTempFile("io.aqueduct.httpflv-changed", ".jar");
        copy.deleteOnExit();
        String descriptor = "OSGI-INF/" + HTTP_SERVER + ".xml";
        String before = "name=\"play_wait_ms\" type=\"Integer\" value=\"3000\"";
        String after = "name=\"play_wait_ms\" type=\"Integer\" value=\"1234\"";
        assertNotNull(JarRewriter.rewrite(jar, copy, REVISION_HEADER, "2", descriptor, before, after));
        return copy;
    }

    private static boolean serves(int port, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            if (!new String(in.readNBytes(12), StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) {
                return false;
            }
            return in.readNBytes(20_000).length == 20_000;
        }
    }
}
