package io.aqueduct.shell.remote.internal;

import io.aqueduct.shell.remote.client.ShellProtocol;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stream a remote Gogo session writes to (both its out and err): bytes go straight to the client's socket,
 * so long-running commands show output as it comes. It remembers whether the last byte ended a line, so that
 * {@link #marker} lines always start a line of their own. Synchronized: background jobs of the session may write
 * while a marker is sent.
 */
final class SessionOutput extends OutputStream {

    private final OutputStream socket;
    private boolean atLineStart = true;
    private boolean discarding;

    SessionOutput(OutputStream socket) {
        this.socket = socket;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (!discarding) {
            socket.write(b);
            atLineStart = b == '\n';
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (!discarding && length > 0) {
            socket.write(bytes, offset, length);
            atLineStart = bytes[offset + length - 1] == '\n';
        }
    }

    /** Writes {@code text} and ends its line, like the local shell prints a command's result. */
    synchronized void println(CharSequence text) throws IOException {
        write(text.toString().getBytes(StandardCharsets.UTF_8));
        endLine();
    }

    /** Ends an unfinished output line, then writes the marker line {@code word text} and flushes. */
    synchronized void marker(String word, String text) throws IOException {
        endLine();
        socket.write((ShellProtocol.marker(word, text) + "\n").getBytes(StandardCharsets.UTF_8));
        atLineStart = true;
        socket.flush();
    }

    /** While true, output is dropped (the shell profile's output is not for the client). */
    synchronized void discard(boolean discard) {
        this.discarding = discard;
    }

    @Override
    public synchronized void flush() throws IOException {
        socket.flush();
    }

    /** Gogo never owns the socket: the connection closes it. */
    @Override
    public void close() {
    }

    private void endLine() throws IOException {
        if (!atLineStart && !discarding) {
            socket.write('\n');
            atLineStart = true;
        }
    }
}
