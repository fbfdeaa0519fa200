package io.aqueduct.shell.remote.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The remote shell's line protocol, shared by the server component and {@link ShellClient}. All text is UTF-8 and
 * every line ends with {@code \n}.
 *
 * <pre>
 * client                                  server
 *                                         (9th concurrent connection: "\0ERR too many ...", then close)
 * TOKEN                         --&gt;       the secret of INSTANCE_DIR/shell.port, first line, within 10 s
 *                               &lt;--       "\0OK aqueduct-shell 1"   or   "\0ERR wrong token", then close
 * "EXEC " command               --&gt;
 *                               &lt;--       output lines, as the command prints them, then its result
 *                                         formatted like the local shell does (Converter.INSPECT)
 *                               &lt;--       on failure: "\0ERR " + each line of the exception's message
 *                               &lt;--       "\0END " + exit: 0 = success, 1 = the command threw
 * "COMPLETE " word              --&gt;
 *                               &lt;--       one matching command name per line, then "\0END 0"
 * </pre>
 *
 * <p>Marker lines start with a NUL character, which command output never contains at a line start; the server
 * ends an unfinished output line before a marker. A request is one line: a newline inside a command (a
 * multi-line script) is sent as NUL and turned back into a newline by the server. The connection stays open for
 * any number of requests; closing it ends the Gogo session.
 */
public final class ShellProtocol {

    /** Version announced in the greeting; bumped on incompatible changes. */
    public static final int VERSION = 1;
    /** First character of every marker line. */
    public static final char MARKER = '\0';
    public static final String OK = "OK";
    public static final String ERR = "ERR";
    public static final String END = "END";
    public static final String EXEC = "EXEC";
    public static final String COMPLETE = "COMPLETE";
    /** Exit code of a command that ran. */
    public static final int EXIT_OK = 0;
    /** Exit code of a command that threw. */
    public static final int EXIT_FAILED = 1;
    /** How long the server waits for the token line. */
    public static final int TOKEN_TIMEOUT_MILLIS = 10_000;
    /** Longest request line the server accepts (a token or a command), in bytes. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    private ShellProtocol() {
    }

    /** A marker line without its newline: NUL, the word, and the text after a space if there is any. */
    public static String marker(String word, String text) {
        return text == null || text.isEmpty() ? MARKER + word : MARKER + word + " " + text;
    }

    /** The text after {@code word} if {@code line} is that marker (empty when it has none), else null. */
    public static String markerText(String line, String word) {
        return line.isEmpty() || line.charAt(0) != MARKER ? null : requestText(line.substring(1), word);
    }

    /** The text after {@code verb} if {@code line} is that request (empty when it has none), else null. */
    public static String requestText(String line, String verb) {
        if (line.equals(verb)) {
            return "";
        }
        return line.startsWith(verb + " ") ? line.substring(verb.length() + 1) : null;
    }

    /** A command as it travels in one request line: its newlines become NUL. */
    public static String encodeCommand(String command) {
        return command.replace("\r\n", "\n").replace('\n', MARKER);
    }

    /** The command of a request line, with its newlines restored. */
    public static String decodeCommand(String encoded) {
        return encoded.replace(MARKER, '\n');
    }

    /**
     * Reads one {@code \n}-terminated line (a {@code \r} before it is dropped) of at most {@code maxBytes} bytes.
     *
     * @return the line, or null at end of stream before any byte
     * @throws IOException when the line is longer than {@code maxBytes} or the stream fails
     */
    public static String readLine(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() == maxBytes) {
                throw new IOException("line longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
