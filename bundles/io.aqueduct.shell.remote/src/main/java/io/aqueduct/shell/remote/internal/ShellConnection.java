package io.aqueduct.shell.remote.internal;

import io.aqueduct.shell.remote.client.ShellProtocol;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the remote shell, run on a pool thread of {@link RemoteShellServer}: checks the token,
 * then serves {@code EXEC} and {@code COMPLETE} requests (see {@link ShellProtocol}) with a Gogo session of its
 * own, closed when the connection ends.
 */
final class ShellConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShellConnection.class);
    /** Session variable Gogo's own commands read: the local shell's {@code commands} list comes from it. */
    private static final String COMMANDS_VARIABLE = ".commands";
    /** Session variable holding the last failure, as in the local shell (its profile's {@code e} prints it). */
    private static final String EXCEPTION_VARIABLE = "exception";

    /** A line of Felix's failure reports: an exception's {@code toString()}, or its words for a bad bundle id. */
    private static final Pattern ERROR_LINE = Pattern.compile(
            "(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::|$)"
                    + "|Bundle ID '.*' +is invalid\\.|Unable to parse id '");

    private final Socket socket;
    private final CommandProcessor processor;
    private final byte[] token;
    private final Optional<String> profile;
    private final String client;

    /**
     * @param profile Gogo script run silently when the session opens (the distribution's gosh_profile), so remote
     *                sessions have the same variables and commands as the local shell
     */
    ShellConnection(Socket socket, CommandProcessor processor, String token, Optional<String> profile) {
        this.socket = socket;
        this.processor = processor;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.profile = profile;
        this.client = String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            SessionOutput out = new SessionOutput(socket.getOutputStream());
            if (authenticated(in)) {
                serve(in, out);
            }
        } catch (IOException e) {
            LOG.debug("remote shell connection from {} failed", client, e);
        }
    }

    private boolean authenticated(InputStream in) throws IOException {
        socket.setSoTimeout(ShellProtocol.TOKEN_TIMEOUT_MILLIS);
        String sent;
        try {
            sent = ShellProtocol.readLine(in, ShellProtocol.MAX_REQUEST_BYTES);
        } catch (SocketTimeoutException e) {
            LOG.warn("remote shell refused {}: no token within {} ms", client, ShellProtocol.TOKEN_TIMEOUT_MILLIS);
            return false;
        }
        if (sent == null || !MessageDigest.isEqual(token, sent.getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("remote shell refused {}: wrong token", client);
            Refusal.send(socket, "wrong token");
            return false;
        }
        socket.setSoTimeout(0);
        return true;
    }

    private void serve(InputStream in, SessionOutput out) throws IOException {
        try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out,
                out.errors())) {
            runProfile(session, out);
            out.marker(ShellProtocol.OK, "aqueduct-shell " + ShellProtocol.VERSION);
            LOG.info("remote shell session opened for {}", client);
            for (String line = readRequest(in); line != null; line = readRequest(in)) {
                String command = ShellProtocol.requestText(line, ShellProtocol.EXEC);
                String word = ShellProtocol.requestText(line, ShellProtocol.COMPLETE);
                if (command != null) {
                    exec(session, out, ShellProtocol.decodeCommand(command));
                } else if (word != null) {
                    complete(session, out, ShellProtocol.decodeCommand(word));
                } else {
                    out.marker(ShellProtocol.ERR, "unknown request; expected EXEC or COMPLETE");
                    out.marker(ShellProtocol.END, Integer.toString(ShellProtocol.EXIT_FAILED));
                }
            }
        } finally {
            LOG.info("remote shell session closed for {}", client);
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        return ShellProtocol.readLine(in, ShellProtocol.MAX_REQUEST_BYTES);
    }

    private void runProfile(CommandSession session, SessionOutput out) {
        profile.ifPresent(script -> {
            out.discard(true);
            try {
                session.execute(script);
            } catch (Exception e) {
                LOG.debug("gosh_profile failed in the remote shell session of {}", client, e);
            } finally {
                session.getConsole().flush();
                out.discard(false);
            }
        });
    }

    /** Runs one command line; prints its result as the local shell does, or its error message (never a trace). */
    private void exec(CommandSession session, SessionOutput out, String command) throws IOException {
        LOG.debug("remote shell {} runs: {}", client, command);
        int exit;
        try {
            Object result = session.execute(command);
            session.getConsole().flush();
            boolean failed = false;
            if (result instanceof String text && isErrorReport(text)) {
                // Felix's start, install and uninstall return their failures as text instead of throwing.
                for (String line : text.strip().split("\\R")) {
                    out.marker(ShellProtocol.ERR, line);
                }
                failed = true;
            } else if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            out.endErrors();
            exit = failed ? ShellProtocol.EXIT_FAILED : ShellProtocol.EXIT_OK;
        } catch (Exception | LinkageError e) {
            session.getConsole().flush();
            out.endErrors(); // its own lines went out; the exception's message follows
            session.put(EXCEPTION_VARIABLE, e);
            String message = e.getMessage() != null && !e.getMessage().isBlank()
                    ? e.getMessage() : e.getClass().getName();
            for (String line : message.split("\\R")) {
                out.marker(ShellProtocol.ERR, line);
            }
            exit = ShellProtocol.EXIT_FAILED;
        }
        out.marker(ShellProtocol.END, Integer.toString(exit));
    }

    /**
     * Whether a command's text result is a report of failures only: every line an exception ({@code
     * java.io.FileNotFoundException: ...}) or Felix's "Bundle ID 'x' is invalid." / "Unable to parse id 'x'.".
     */
    static boolean isErrorReport(String text) {
        String[] lines = text.strip().split("\\R");
        if (lines[0].isEmpty()) {
            return false;
        }
        for (String line : lines) {
            if (!ERROR_LINE.matcher(line).lookingAt()) {
                return false;
            }
        }
        return true;
    }

    /** Command names ({@code scope:function}, and the bare function) that start with {@code word}. */
    private static void complete(CommandSession session, SessionOutput out, String word) throws IOException {
        SortedSet<String> candidates = new TreeSet<>();
        if (session.get(COMMANDS_VARIABLE) instanceof Collection<?> commands) {
            for (Object command : commands) {
                String name = String.valueOf(command);
                String function = name.substring(name.indexOf(':') + 1);
                if (name.startsWith(word)) {
                    candidates.add(name);
                }
                if (function.startsWith(word)) {
                    candidates.add(function);
                }
            }
        }
        for (String candidate : candidates) {
            out.println(candidate);
        }
        out.marker(ShellProtocol.END, Integer.toString(ShellProtocol.EXIT_OK));
    }
}
