package io.aqueduct.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.aqueduct.stream.api.StreamInfo;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;

/**
 * Stopping, starting, updating, uninstalling and installing the edge-publish bundle under live streams. The server
 * is its own origin: a publisher of vhost {@value #EDGE} is relayed by edge publish to the default vhost on the
 * same port, where a player watches the relayed stream.
 *
 * <p>Each time the bundle goes, the relayed publisher's connection is closed (the documented behaviour) and the
 * relayed stream's player hears {@code NetStream.Play.UnpublishNotify} and waits; each time it comes back, a new
 * edge publisher is relayed to that same player again. An independent publisher of the default vhost and its
 * players (RTMP and HTTP-FLV) never notice.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class EdgePublishHotSwapIT extends AqueductTestSupport {

    private static final String EDGE = "edge.test";
    private static final String UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Inject
    private StreamRegistry registry;

    @Configuration
    public Option[] config() {
        return origin();
    }

    @Test
    public void relayedPublishersEndWhileEdgePublishIsAwayAndNothingElseDoes() throws Exception {
        int rtmp = freePort();
        int http = freePort();
        configure("io.aqueduct.rtmp.server", "listen", new String[] {"127.0.0.1:" + rtmp});
        configureHttpFlv(http);
        configureEdgeOfItself(EDGE, rtmp);
        await(DEADLINE, () -> accepts(rtmp) && accepts(http), "RTMP and HTTP listening");
        await(DEADLINE, () -> registry.isVhostConfigured(EDGE), "vhost " + EDGE + " configured");
        awaitEdgePublishReady();

        String base = "rtmp://127.0.0.1:" + rtmp + "/live/";
        String edgeUrl = base + "up?vhost=" + EDGE;
        StreamKey relayed = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "up");
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        SyntheticPublisher edgePublisher = new SyntheticPublisher(group, edgeUrl);
        try (SyntheticPublisher other = new SyntheticPublisher(group, base + "other");
             GapMeasuringPlayer otherPlayer = new GapMeasuringPlayer(group, base + "other");
             GapMeasuringPlayer relayedPlayer = new GapMeasuringPlayer(group, base + "up");
             HttpFlvPlayer otherWeb = new HttpFlvPlayer(http, "/live/other.flv")) {
            await(DEADLINE, () -> relayedPlayer.video.get() > 10, "the edge publisher is relayed to the default vhost");
            await(DEADLINE, () -> otherPlayer.video.get() > 10, "the independent player receives");
            await(DEADLINE, () -> otherWeb.bytes.get() > 20_000, "the independent HTTP-FLV player receives");
            otherPlayer.resetGap();
            otherWeb.resetGap();

            Bundle edgePublish = installed("io.aqueduct.edge.publish");
            edgePublisher = awayAndBack(edgePublisher, relayedPlayer, relayed, edgePublish::stop,
                    edgePublish::start, group, edgeUrl, "stop and start");
            edgePublisher = awayAndBack(edgePublisher, relayedPlayer, relayed, edgePublish::update,
                    () -> { }, group, edgeUrl, "update");
            String location = edgePublish.getLocation();
            edgePublisher = awayAndBack(edgePublisher, relayedPlayer, relayed, edgePublish::uninstall,
                    () -> context.installBundle(location).start(), group, edgeUrl, "uninstall and install");

            assertTrue("the independent publisher never disconnected", other.isConnected());
            assertFalse("the independent player never disconnected", otherPlayer.isClosed());
            assertFalse("the relayed stream's player never disconnected", relayedPlayer.isClosed());
            assertFalse("the independent HTTP-FLV player never disconnected", otherWeb.hasEnded());
            System.out.printf("longest gap of a player of an unrelayed stream while edge-publish was stopped, "
                    + "started, updated, uninstalled, installed: RTMP %d ms, HTTP-FLV %d ms%n",
                    otherPlayer.maxGapMillis(), otherWeb.maxGapMillis());
            assertTrue("RTMP gap " + otherPlayer.maxGapMillis() + " ms", otherPlayer.maxGapMillis() < 500);
            assertTrue("HTTP-FLV gap " + otherWeb.maxGapMillis() + " ms", otherWeb.maxGapMillis() < 500);
        } finally {
            edgePublisher.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Takes edge publish away: the relayed publisher's connection is closed and the relayed stream's player waits.
     * Brings it back: a new edge publisher, returned, is relayed to the same player.
     */
    private SyntheticPublisher awayAndBack(SyntheticPublisher edgePublisher, GapMeasuringPlayer relayedPlayer,
            StreamKey relayed, BundleAction goAway, BundleAction comeBack,
            MultiThreadIoEventLoopGroup group, String edgeUrl, String what) throws Exception {
        int unpublished = relayedPlayer.statusCount(UNPUBLISH_NOTIFY);
        goAway.run();
        await(DEADLINE, () -> !edgePublisher.isConnected(),
                "the relayed publisher's connection is closed (" + what + ")");
        await(DEADLINE, () -> relayedPlayer.statusCount(UNPUBLISH_NOTIFY) > unpublished,
                "the relayed stream's player is told it is unpublished (" + what + ")");
        await(DEADLINE, () -> registry.stream(relayed).flatMap(StreamInfo::publisher).isEmpty(),
                "the relayed stream is no longer published (" + what + ")");
        edgePublisher.close();

        comeBack.run();
        assertEquals(Bundle.ACTIVE, installed("io.aqueduct.edge.publish").getState());
        awaitEdgePublishReady();
        int before = relayedPlayer.video.get();
        SyntheticPublisher again = new SyntheticPublisher(group, edgeUrl);
        await(DEADLINE, () -> relayedPlayer.video.get() > before + 50,
                "a new edge publisher is relayed to the waiting player after " + what);
        return again;
    }

    /**
     * Edge publish relays only publishers that start while it knows the vhost: waits until its component and the
     * edge vhost's settings are registered (read by name, as the test bundle cannot import internal packages).
     */
    private void awaitEdgePublishReady() {
        await(DEADLINE, () -> registered("io.aqueduct.edge.publish.internal.EdgePublisher", null)
                && registered("io.aqueduct.edge.publish.internal.EdgePublishVhost", "(vhost=" + EDGE + ")"),
                "edge publish knows vhost " + EDGE);
    }

    private boolean registered(String className, String filter) {
        try {
            return context.getAllServiceReferences(className, filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }
}
