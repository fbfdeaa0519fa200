package io.aqueduct.rtmp.server.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A peer that resets the connection has left; it is not an error of the server or of what the peer sent. */
class PeerResetTest {

    @Test
    void resetsAndBrokenPipesAreAPeerLeavingOtherFailuresAreNot() {
        assertTrue(RtmpConnection.peerWentAway(
                new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")));
        assertTrue(RtmpConnection.peerWentAway(new IOException("writevAddresses(..) failed: Broken pipe")));
        assertFalse(RtmpConnection.peerWentAway(new IOException("Connection refused")));
        assertFalse(RtmpConnection.peerWentAway(new IllegalStateException("Connection reset by peer")));
        assertFalse(RtmpConnection.peerWentAway(new IOException()));
    }
}
