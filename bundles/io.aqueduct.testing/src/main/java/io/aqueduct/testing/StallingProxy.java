package io.aqueduct.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on 127.0.0.1 between a client under test and a server, which can stop reading from the client: a
 * peer that reads too slowly. While stalled, the server hears nothing more from the client and the client's sends
 * back up in its buffers (its socket's, then its own); the server's answers still pass. The proxy's receive
 * buffer is small, so the proxy's side of the connection holds little of what the client sends.
 */
public final class StallingProxy implements AutoCloseable {

    private static final int RECEIVE_BUFFER = 32 * 1024;

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stalling-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new ArrayList<>();
    private final Object stallLock = new Object();
    private boolean stalled;

    /** Listens on a free port of 127.0.0.1 and forwards each connection to {@code targetPort} there. */
    public StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReceiveBufferSize(RECEIVE_BUFFER);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        pumps.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Stops reading from the clients (a read already under way still passes on what it gets). */
    public void stall() {
        synchronized (stallLock) {
            stalled = true;
        }
    }

    /** Reads from the clients again. */
    public void resume() {
        synchronized (stallLock) {
            stalled = false;
            stallLock.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(target);
                }
                pumps.execute(() -> pump(client, target, true));
                pumps.execute(() -> pump(target, client, false));
            } catch (IOException e) {
                close(client); // the target is down: so is this connection, as it would be without the proxy
            }
        }
    }

    private void pump(Socket from, Socket to, boolean stallable) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                if (stallable) {
                    awaitNotStalled();
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: so does the other
        } finally {
            close(from);
            close(to);
        }
    }

    private void awaitNotStalled() throws InterruptedException {
        synchronized (stallLock) {
            while (stalled) {
                stallLock.wait();
            }
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            sockets.forEach(StallingProxy::close);
        }
        resume();
        pumps.shutdownNow();
    }
}
