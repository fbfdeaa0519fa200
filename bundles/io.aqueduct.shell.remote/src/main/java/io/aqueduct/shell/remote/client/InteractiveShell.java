package io.aqueduct.shell.remote.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive loop of {@link ShellClient} on a terminal (jline 3): line editing, first-word completion from
 * the server, history in a file. Only this class and {@link RemoteCompleter} use jline, so the one-command and
 * pipe modes run without it.
 */
final class InteractiveShell {

    static final String PROMPT = "aqueduct> ";

    private final RemoteSession session;
    private final Path historyFile;

    InteractiveShell(RemoteSession session, Path historyFile) {
        this.session = session;
        this.historyFile = historyFile;
    }

    /** Reads and runs commands until {@code exit} or Ctrl-D; returns {@link ShellClient#EXIT_OK}. */
    int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("aqueduct shell").system(true).build()) {
            // an unclosed { ( [ continues on the next line, as Gogo closures are often written over several lines
            DefaultParser parser = new DefaultParser();
            parser.setEofOnUnclosedBracket(DefaultParser.Bracket.CURLY, DefaultParser.Bracket.ROUND,
                    DefaultParser.Bracket.SQUARE);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("aqueduct")
                    .parser(parser)
                    .completer(new RemoteCompleter(session))
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    // '!' belongs to Gogo (and to LDAP filters), not to history expansion
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
            try {
                return loop(reader, out);
            } finally {
                reader.getHistory().save();
            }
        }
    }

    private int loop(LineReader reader, PrintStream out) throws IOException {
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C drops the line being typed, as in the local shell
            } catch (EndOfFileException e) {
                return ShellClient.EXIT_OK;
            }
            String trimmed = line.trim();
            if (trimmed.equals(ShellClient.EXIT_COMMAND)) {
                return ShellClient.EXIT_OK;
            }
            if (!trimmed.isEmpty()) {
                session.exec(line, out::println, out::println);
            }
        }
    }
}
