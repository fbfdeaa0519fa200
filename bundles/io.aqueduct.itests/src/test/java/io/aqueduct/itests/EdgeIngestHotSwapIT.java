package io.aqueduct.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.aqueduct.stream.api.ClientRegistry;
import io.aqueduct.stream.api.ClientSession;
import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import io.aqueduct.stream.api.WriteWindows;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Stopping, starting, updating, uninstalling and installing the edge-ingest bundle under playing clients. The
 * server is its own origin: vhost {@value #EDGE} is an edge of the default vhost on the same port, so a player of
 * the edge vhost makes edge ingest pull the stream from the default vhost, where the publisher is.
 *
 * <p>Each time the bundle goes, its upstream closes: the edge player hears {@code NetStream.Play.UnpublishNotify}
 * and waits, connected. Each time it comes back, the edge player receives again. The publisher and a player of the
 * default vhost (RTMP and HTTP-FLV), which edge ingest does not serve, never notice.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class EdgeIngestHotSwapIT extends AqueductTestSupport {

    private static final String EDGE = "edge.test";
    private static final String UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The default vhost's own players of the stream: one over RTMP, one over HTTP-FLV. */
    private static final int LOCAL_PLAYERS = 2;

    @Inject
    private StreamRegistry registry;

    @Inject
    private ClientRegistry clients;

    @Configuration
    public Option[] config() {
        return origin();
    }

    @Test
    public void edgePlayersWaitWhileEdgeIngestIsAwayAndOtherClientsNeverNotice() throws Exception {
        int rtmp = freePort();
        int http = freePort();
        configure("io.aqueduct.rtmp.server", "listen", new String[] {"127.0.0.1:" + rtmp});
        configureHttpFlv(http);
        configureEdgeOfItself(EDGE, rtmp);
        await(DEADLINE, () -> accepts(rtmp) && accepts(http), "RTMP and HTTP listening");
        await(DEADLINE, this::edgeIngestServesTheEdgeVhost, "edge ingest serves vhost " + EDGE);

        StreamKey origin = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "cam");
        String url = "rtmp://127.0.0.1:" + rtmp + "/live/cam";
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (SyntheticPublisher publisher = new SyntheticPublisher(group, url);
             GapMeasuringPlayer local = new GapMeasuringPlayer(group, url);
             GapMeasuringPlayer edge = new GapMeasuringPlayer(group, url + "?vhost=" + EDGE);
             HttpFlvPlayer web = new HttpFlvPlayer(http, "/live/cam.flv")) {
            await(DEADLINE, () -> local.video.get() > 10, "the default-vhost player receives");
            await(DEADLINE, () -> web.bytes.get() > 20_000, "the default-vhost HTTP-FLV player receives");
            await(DEADLINE, () -> edge.video.get() > 10, "the edge player receives through edge ingest");
            assertEquals("the edge's upstream plays at the origin beside the local players", LOCAL_PLAYERS + 1,
                    players(origin));

            local.resetGap();
            web.resetGap();
            Bundle ingest = installed("io.aqueduct.edge.ingest");

            int unpublished = edge.statusCount(UNPUBLISH_NOTIFY);
            Set<String> upstreams = upstreamClients();
            ingest.stop();
            awaitUpstreamClosed(edge, unpublished, upstreams, "stop");
            await(DEADLINE, () -> players(origin) == LOCAL_PLAYERS, "no upstream while edge ingest is stopped");
            awaitEdgePlayerResumes(edge, ingest::start, "start");

            unpublished = edge.statusCount(UNPUBLISH_NOTIFY);
            upstreams = upstreamClients();
            // The updated bundle starts at once and the waiting edge player makes it fetch the stream again: the
            // old upstream must be gone, a new one may already be there.
            ingest.update();
            awaitUpstreamClosed(edge, unpublished, upstreams, "update");
            awaitEdgePlayerResumes(edge, () -> { }, "update");

            unpublished = edge.statusCount(UNPUBLISH_NOTIFY);
            upstreams = upstreamClients();
            String location = ingest.getLocation();
            ingest.uninstall();
            awaitUpstreamClosed(edge, unpublished, upstreams, "uninstall");
            await(DEADLINE, () -> players(origin) == LOCAL_PLAYERS, "no upstream while edge ingest is uninstalled");
            awaitEdgePlayerResumes(edge, () -> context.installBundle(location).start(), "install and start");

            assertTrue("publisher never disconnected", publisher.isConnected());
            assertFalse("default-vhost player never disconnected", local.isClosed());
            assertFalse("edge player never disconnected", edge.isClosed());
            assertFalse("default-vhost HTTP-FLV player never disconnected", web.hasEnded());
            System.out.printf("longest gap of a default-vhost player while edge-ingest was stopped, started, "
                    + "updated, uninstalled, installed: RTMP %d ms, HTTP-FLV %d ms%n", local.maxGapMillis(),
                    web.maxGapMillis());
            assertTrue("RTMP gap " + local.maxGapMillis() + " ms", local.maxGapMillis() < 500);
            assertTrue("HTTP-FLV gap " + web.maxGapMillis() + " ms", web.maxGapMillis() < 500);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private boolean edgeIngestServesTheEdgeVhost() {
        return registry.isVhostConfigured(EDGE) && registry.isEdge(EDGE) && registry.suppliesOnDemand(EDGE);
    }

    /** The edge player hears the stream end, stays connected, and the upstreams there were left the origin. */
    private void awaitUpstreamClosed(GapMeasuringPlayer edge, int unpublishedBefore, Set<String> upstreams,
            String what) {
        assertFalse("an upstream plays at the origin before " + what, upstreams.isEmpty());
        await(DEADLINE, () -> edge.statusCount(UNPUBLISH_NOTIFY) > unpublishedBefore,
                "the edge player is told the stream is unpublished (" + what + ")");
        await(DEADLINE, () -> upstreams.stream().noneMatch(id -> clients.client(id).isPresent()),
                "the upstream left the origin (" + what + ")");
        assertFalse("the edge player stays connected (" + what + ")", edge.isClosed());
    }

    /** The origin's clients that are edge upstreams (they play with the relay parameter). */
    private Set<String> upstreamClients() {
        return clients.clients().stream()
                .filter(c -> c.parameters().containsKey(WriteWindows.RELAY_PARAMETER))
                .map(ClientSession::id)
                .collect(Collectors.toSet());
    }

    private void awaitEdgePlayerResumes(GapMeasuringPlayer edge, BundleAction comeBack, String what)
            throws BundleException {
        int before = edge.video.get();
        comeBack.run();
        assertEquals(Bundle.ACTIVE, installed("io.aqueduct.edge.ingest").getState());
        await(DEADLINE, () -> edge.video.get() > before + 50, "the edge player receives again after " + what);
    }

    private int players(StreamKey key) {
        return registry.stream(key).map(StreamInfo::players).orElse(0);
    }
}
