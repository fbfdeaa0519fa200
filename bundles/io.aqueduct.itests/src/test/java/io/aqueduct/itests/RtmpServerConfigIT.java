package io.aqueduct.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.aqueduct.rtmp.client.RtmpClient;
import io.aqueduct.rtmp.client.RtmpClientOptions;
import io.aqueduct.rtmp.client.RtmpClientSession;
import io.aqueduct.rtmp.client.RtmpUrl;
import io.aqueduct.stream.api.StreamKey;
import io.aqueduct.stream.api.StreamRegistry;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
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
import org.osgi.framework.ServiceReference;

/**
 * The registry and the RTMP server come up from Configuration Admin in a real Felix and follow a configuration
 * change (a new port) without a framework restart, keeping a live publisher connected.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RtmpServerConfigIT extends AqueductTestSupport {

    @Inject
    private StreamRegistry registry;

    @Configuration
    public Option[] config() {
        return origin();
    }

    @Test
    public void rtmpServerFollowsAPortChangeWithoutRestartingTheFramework() throws Exception {
        int first = freePort();
        configure("io.aqueduct.rtmp.server", "listen", new String[] {"127.0.0.1:" + first});
        await(Duration.ofSeconds(10), () -> accepts(first), "RTMP server listening on " + first);

        ServiceReference<StreamRegistry> before = context.getServiceReference(StreamRegistry.class);
        Bundle core = installed("io.aqueduct.stream");
        long coreId = core.getBundleId();

        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            RtmpClientSession publisher = RtmpClient.connect(group, NioSocketChannel.class,
                    RtmpUrl.parse("rtmp://127.0.0.1:" + first + "/live/cam"), RtmpClientOptions.DEFAULTS)
                    .get(10, TimeUnit.SECONDS);
            publisher.publish("cam").get(10, TimeUnit.SECONDS);
            StreamKey key = new StreamKey(StreamKey.DEFAULT_VHOST, "live", "cam");
            assertTrue(registry.stream(key).isPresent());

            int second = freePort();
            configure("io.aqueduct.rtmp.server", "listen", new String[] {"127.0.0.1:" + second});
            await(Duration.ofSeconds(10), () -> accepts(second), "RTMP server listening on the new port " + second);
            await(Duration.ofSeconds(10), () -> !accepts(first), "old port " + first + " released");

            assertEquals(Bundle.ACTIVE, core.getState());
            assertEquals(coreId, core.getBundleId());
            assertSame("the registry service was not re-registered", before.getProperty("service.id"),
                    context.getServiceReference(StreamRegistry.class).getProperty("service.id"));
            assertTrue("the publisher connected on the old port stays live",
                    registry.stream(key).flatMap(s -> s.publisher()).isPresent());
            assertFalse(publisher.closeFuture().isDone());
            publisher.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
