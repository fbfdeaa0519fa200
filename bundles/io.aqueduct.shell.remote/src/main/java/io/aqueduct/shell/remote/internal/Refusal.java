package io.aqueduct.shell.remote.internal;

import io.aqueduct.shell.remote.client.ShellProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a client the reason it gets no session, then lets the connection end. Closing a socket that still holds
 * unread input (a token, pipelined requests) makes TCP reset the connection, and the client could lose the
 * message; so the output is shut first (the client reads the message, then end of stream) and the input is
 * drained until the client closes, for at most {@value #DRAIN_MILLIS} ms and {@value #DRAIN_BYTES} bytes.
 */
final class Refusal {

    static final int DRAIN_MILLIS = 1_000;
    static final int DRAIN_BYTES = 64 * 1024;

    private Refusal() {
    }

    /** Writes {@code "\0ERR " + reason}, shuts the output and drains the input; the caller closes the socket. */
    static void send(Socket socket, String reason) throws IOException {
        socket.getOutputStream()
                .write((ShellProtocol.marker(ShellProtocol.ERR, reason) + "\n").getBytes(StandardCharsets.UTF_8));
        socket.shutdownOutput();
        socket.setSoTimeout(DRAIN_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int drained = 0;
        for (int n = in.read(buffer); n != -1 && drained < DRAIN_BYTES; n = in.read(buffer)) {
            drained += n;
        }
    }
}
