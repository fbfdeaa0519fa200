package io.aqueduct.shell.remote.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.Charset;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The command-line client of {@code bin/aqueduct shell}. It runs outside OSGi:
 *
 * <pre>
 * java [-Daqueduct.config=CONF] -cp io.aqueduct.shell.remote.jar:jline.jar \
 *     io.aqueduct.shell.remote.client.ShellClient INSTANCE_DIR [COMMAND...]
 * </pre>
 *
 * <p>It connects to the server whose instance directory is INSTANCE_DIR (through its {@code shell.port}). With a
 * COMMAND (the words are joined with spaces) it runs that one command, prints its output and exits with its exit
 * code. Without one it reads commands: interactively with line editing, completion and history
 * ({@code INSTANCE_DIR/shell.history}) on a terminal, else line by line from stdin. {@code exit} or end of input
 * ends the session. The property {@code aqueduct.config} only names the server in error messages.
 *
 * <p>Exit codes: 0 success; 1 a command failed (in line mode: at least one); 2 no running server, session refused,
 * connection lost, or bad usage.
 */
public final class ShellClient {

    public static final int EXIT_OK = ShellProtocol.EXIT_OK;
    public static final int EXIT_FAILED = ShellProtocol.EXIT_FAILED;
    public static final int EXIT_NO_SESSION = 2;
    /** Typed alone, ends the client (never sent: on the server it would end the whole shell). */
    static final String EXIT_COMMAND = "exit";
    /** CSI sequences: ESC [ parameters intermediates final-byte. */
    private static final Pattern ANSI_SEQUENCE = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]");

    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    ShellClient(InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) {
        // System.console() exists only when stdin and stdout are both terminals: then the session is interactive.
        int exit = new ShellClient(System.in, System.out, System.err).run(args, System.console() != null);
        System.exit(exit);
    }

    /** Runs the client; returns the process exit code. */
    int run(String[] args, boolean terminal) {
        if (args.length < 1 || args[0].isBlank()) {
            stderr.println("usage: ShellClient INSTANCE_DIR [COMMAND...]");
            return EXIT_NO_SESSION;
        }
        Path instanceDir = Path.of(args[0]);
        String command = args.length > 1 ? String.join(" ", Arrays.copyOfRange(args, 1, args.length)) : null;
        String server = System.getProperty("aqueduct.config", instanceDir.toString());
        // Gogo colours some output (grep) as if it went to a terminal; a script or file gets plain text
        Consumer<String> output = terminal ? stdout::println : line -> stdout.println(withoutAnsiCodes(line));
        Consumer<String> errors = terminal ? stderr::println : line -> stderr.println(withoutAnsiCodes(line));
        try (RemoteSession session = connect(instanceDir, server)) {
            if (command != null) {
                return command.trim().equals(EXIT_COMMAND) ? EXIT_OK : session.exec(command, output, errors);
            }
            if (terminal) {
                return new InteractiveShell(session, instanceDir.resolve("shell.history")).run();
            }
            return runLines(session, output, errors);
        } catch (NoSessionException e) {
            stderr.println("aqueduct shell: " + e.getMessage());
            return EXIT_NO_SESSION;
        } catch (IOException e) {
            stderr.println("aqueduct shell: connection to " + server + " lost: " + e.getMessage());
            return EXIT_NO_SESSION;
        }
    }

    private static RemoteSession connect(Path instanceDir, String server) throws NoSessionException {
        ShellState state;
        try {
            state = ShellState.read(instanceDir);
        } catch (NoSuchFileException e) {
            throw new NoSessionException("no running server for " + server + " (no " + ShellState.file(instanceDir)
                    + ")");
        } catch (IOException e) {
            throw new NoSessionException("cannot read " + ShellState.file(instanceDir) + ": " + e.getMessage());
        }
        try {
            return RemoteSession.open(state);
        } catch (ConnectException e) {
            throw new NoSessionException("no running server for " + server + " (nothing listens on port "
                    + state.port() + " named in " + ShellState.file(instanceDir)
                    + ": the server was killed without stopping)");
        } catch (ShellRefusedException e) {
            throw new NoSessionException("the server refused the session: " + e.getMessage());
        } catch (IOException e) {
            throw new NoSessionException("cannot connect to the shell of " + server + ": " + e.getMessage());
        }
    }

    /** Commands from a pipe or file, one per line; returns 1 if any failed. */
    private int runLines(RemoteSession session, Consumer<String> output, Consumer<String> errors)
            throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, Charset.defaultCharset()));
        int exit = EXIT_OK;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String trimmed = line.trim();
            if (trimmed.equals(EXIT_COMMAND)) {
                break;
            }
            if (!trimmed.isEmpty() && session.exec(line, output, errors) != EXIT_OK) {
                exit = EXIT_FAILED;
            }
        }
        return exit;
    }

    /** {@code line} without ANSI escape sequences (colours, cursor moves). */
    static String withoutAnsiCodes(String line) {
        return ANSI_SEQUENCE.matcher(line).replaceAll("");
    }

    /** No session could be opened; the message says why, for the operator. */
    private static final class NoSessionException extends IOException {
        private static final long serialVersionUID = 1L;

        NoSessionException(String message) {
            super(message);
        }
    }
}
