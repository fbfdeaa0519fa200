package io.aqueduct.shell.remote.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One authenticated connection to a server's remote shell (see {@link ShellProtocol}): one Gogo session on the
 * server, whose variables live as long as this object. Requests are answered in order, so one thread at a time.
 */
public final class RemoteSession implements AutoCloseable {

    /** How long connecting may take: the server is local, so a slow connect means it is not there. */
    public static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** A response line may hold a whole table; this only stops a broken server from exhausting memory. */
    private static final int MAX_RESPONSE_LINE_BYTES = 16 * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RemoteSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /**
     * Connects to the shell that {@code state} describes and authenticates with its token.
     *
     * @throws java.net.ConnectException when nothing listens there (a stale state file)
     * @throws ShellRefusedException     when the server refuses the session (wrong token, too many sessions)
     * @throws IOException               on any other network failure
     */
    public static RemoteSession open(ShellState state) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(state.connectAddress(), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(ShellProtocol.TOKEN_TIMEOUT_MILLIS);
            RemoteSession session = new RemoteSession(socket);
            session.send(state.token());
            String greeting = session.readLine();
            String refusal = ShellProtocol.markerText(greeting, ShellProtocol.ERR);
            if (refusal != null) {
                throw new ShellRefusedException(refusal);
            }
            if (ShellProtocol.markerText(greeting, ShellProtocol.OK) == null) {
                throw new IOException("not an Aqueduct shell at " + state.connectAddress() + ": " + greeting);
            }
            // commands may run for long: from now on the client waits as long as they take
            socket.setSoTimeout(0);
            return session;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Runs {@code command} in the server's session, handing its output lines (without line ends) to
     * {@code output} as they arrive and the lines of its error message to {@code errors}.
     *
     * @return {@link ShellProtocol#EXIT_OK} or {@link ShellProtocol#EXIT_FAILED}
     * @throws EOFException when the server closes the connection before the command's end (it stopped)
     */
    public int exec(String command, Consumer<String> output, Consumer<String> errors) throws IOException {
        send(ShellProtocol.EXEC + " " + ShellProtocol.encodeCommand(command));
        while (true) {
            String line = readLine();
            String end = ShellProtocol.markerText(line, ShellProtocol.END);
            if (end != null) {
                return parseExit(end);
            }
            String error = ShellProtocol.markerText(line, ShellProtocol.ERR);
            if (error != null) {
                errors.accept(error);
            } else {
                output.accept(line);
            }
        }
    }

    /** The command names the server knows that start with {@code word}, sorted. */
    public List<String> complete(String word) throws IOException {
        send(ShellProtocol.COMPLETE + " " + ShellProtocol.encodeCommand(word));
        List<String> candidates = new ArrayList<>();
        for (String line = readLine(); ShellProtocol.markerText(line, ShellProtocol.END) == null; line = readLine()) {
            if (line.charAt(0) != ShellProtocol.MARKER) {
                candidates.add(line);
            }
        }
        return candidates;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next response line, never null: an early end of stream means the server went away. */
    private String readLine() throws IOException {
        String line = ShellProtocol.readLine(in, MAX_RESPONSE_LINE_BYTES);
        if (line == null) {
            throw new EOFException("the server closed the connection");
        }
        return line;
    }

    private static int parseExit(String text) throws IOException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad end marker from the server: " + text, e);
        }
    }
}
