package io.aqueduct.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports that were free on 127.0.0.1 a moment ago, for servers started by a test. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a port the kernel just handed out for 127.0.0.1 and released again. Another process could take it
     * before the server under test binds it; the kernel hands out ephemeral ports in rotation, which makes that rare.
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on 127.0.0.1", e);
        }
    }
}
