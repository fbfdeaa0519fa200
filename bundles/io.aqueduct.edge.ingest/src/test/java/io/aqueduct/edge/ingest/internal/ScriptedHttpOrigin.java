package io.aqueduct.edge.ingest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection HTTP server on 127.0.0.1 for upstream tests: records the request head, answers with scripted
 * bytes, then closes the connection or keeps it open until {@link #close()}.
 */
final class ScriptedHttpOrigin implements AutoCloseable {

    private final ServerSocket server;
    private final CompletableFuture<String> request = new CompletableFuture<>();
    private final Thread thread;
    private volatile Socket socket;

    ScriptedHttpOrigin(byte[] response, boolean closeAfter) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        thread = new Thread(() -> serve(response, closeAfter), "scripted-http-origin");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The request line and headers the client sent. */
    String request() throws Exception {
        return request.get(10, TimeUnit.SECONDS);
    }

    private void serve(byte[] response, boolean closeAfter) {
        try {
            Socket s = server.accept();
            socket = s;
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            request.complete(head.toString(StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            out.write(response);
            out.flush();
            if (closeAfter) {
                s.close();
            }
        } catch (IOException e) {
            request.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
        thread.join(5_000);
    }
}
