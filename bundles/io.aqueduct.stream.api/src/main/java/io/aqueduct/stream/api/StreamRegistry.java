package io.aqueduct.stream.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live streams of this server: one publisher and any number of players per {@link StreamKey}.
 *
 * <p>Registered as an OSGi service by the core bundle. All methods are thread-safe.
 */
@ProviderType
public interface StreamRegistry {

    /**
     * Starts publishing a stream.
     *
     * @param key       the stream
     * @param publisher the client that publishes (shown in listings, kicked when it goes silent)
     * @return the publication, through which media is sent until it is closed
     * @throws StreamBusyException when the stream already has a live publisher; that publisher is not touched
     */
    Publication publish(StreamKey key, ClientSession publisher) throws StreamBusyException;

    /**
     * Starts playing a stream, published or not. A player of a stream that is not published waits: its
     * subscription delivers {@link StreamEvent#PUBLISH} when a publisher comes. A live stream's metadata, sequence
     * headers and GOP cache are queued at once.
     *
     * @param key        the stream
     * @param player     the client that plays
     * @param subscriber told when items are available; called from any thread
     */
    Subscription subscribe(StreamKey key, ClientSession player, StreamSubscriber subscriber);

    /** The streams that have a publisher or players, in no particular order. */
    List<StreamInfo> streams();

    /** One stream, if it has a publisher or players. */
    Optional<StreamInfo> stream(StreamKey key);

    /**
     * The settings of a vhost: the configured vhost of that name, else {@link StreamKey#DEFAULT_VHOST}'s, else
     * defaults.
     */
    VhostSettings vhost(String name);

    /**
     * This server's id, unique per server start. Cluster bundles carry the ids of the servers a stream passed
     * through (the {@code aqueduct_via} parameter), so a forward loop is refused instead of multiplying a stream.
     */
    String serverId();

    /**
     * Whether a {@link StreamDemandHandler} supplies streams of this vhost on demand (an edge): a player of a stream
     * that is not live there should wait for it rather than be told at once that it does not exist.
     */
    boolean suppliesOnDemand(String vhost);

    /**
     * Whether the vhost is configured as an edge ({@code cluster { mode remote; }}): its streams come from an origin.
     * When such a vhost has no {@link #suppliesOnDemand supplier}, the edge bundle is not active and a player cannot
     * be served.
     */
    boolean isEdge(String vhost);

    /** Whether a vhost of exactly that name is configured (used to resolve the vhost a client names). */
    boolean isVhostConfigured(String name);
}
