package io.aqueduct.shell.remote.internal;

import io.aqueduct.shell.remote.client.ShellProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stream a remote Gogo session writes its output to: bytes go straight to the client's socket, so
 * long-running commands show output as it comes. It remembers whether the last byte ended a line, so that
 * {@link #marker} lines always start a line of their own. What the session writes to its error stream
 * ({@link #errors}) goes out as error lines, for the client's stderr. Synchronized: background jobs of the session
 * may write while a marker is sent.
 */
final class SessionOutput extends OutputStream {

    /** Bounds one error line held until its end; a longer one goes out in pieces. */
    private static final int MAX_ERROR_LINE = 8192;

    private final OutputStream socket;
    private final Errors errors = new Errors();
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

    /**
     * The session's error stream: each line goes to the client as an error line. (It does not decide the exit
     * status: {@code e} prints the last exception's stack trace there.)
     */
    OutputStream errors() {
        return errors;
    }

    /** Sends an error line the command left unfinished. */
    synchronized void endErrors() throws IOException {
        errors.sendPending();
    }

    /** While true, output is dropped (the shell profile's output is not for the client). */
    synchronized void discard(boolean discard) {
        this.discarding = discard;
        errors.line.reset();
    }

    @Override
    public synchronized void flush() throws IOException {
        socket.flush();
    }

    /** Gogo never owns the socket: the connection closes it. */
    @Override
    public void close() {
    }

    private final class Errors extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) throws IOException {
            synchronized (SessionOutput.this) {
                if (b == '\n') {
                    send(true);
                } else if (b != '\r') {
                    line.write(b);
                    if (line.size() >= MAX_ERROR_LINE) {
                        send(false);
                    }
                }
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (SessionOutput.this) {
                for (int i = offset; i < offset + length; i++) {
                    write(bytes[i]);
                }
            }
        }

        void sendPending() throws IOException {
            if (line.size() > 0) {
                send(true);
            }
        }

        /**
         * Sends the line held, or when {@code whole} is false (a long line's piece) up to its last whole UTF-8
         * character, keeping the rest for the next piece.
         */
        private void send(boolean whole) throws IOException {
            byte[] bytes = line.toByteArray();
            int cut = whole ? bytes.length : utf8Boundary(bytes, bytes.length);
            line.reset();
            if (!discarding) {
                marker(ShellProtocol.ERR, new String(bytes, 0, cut, StandardCharsets.UTF_8));
            }
            line.write(bytes, cut, bytes.length - cut);
        }

        @Override
        public void close() {
        }
    }

    /**
     * The end of the last whole UTF-8 character in {@code bytes[0, length)}: {@code length}, or the start of a
     * character whose last bytes are still to come.
     */
    static int utf8Boundary(byte[] bytes, int length) {
        int start = length;
        // Back over at most three continuation bytes (10xxxxxx) to the character's lead byte.
        while (start > 0 && length - start < 3 && (bytes[start - 1] & 0xC0) == 0x80) {
            start--;
        }
        if (start == 0) {
            return length;
        }
        int lead = bytes[start - 1] & 0xFF;
        int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return length - (start - 1) < size ? start - 1 : length;
    }

    private void endLine() throws IOException {
        if (!atLineStart && !discarding) {
            socket.write('\n');
            atLineStart = true;
        }
    }
}
