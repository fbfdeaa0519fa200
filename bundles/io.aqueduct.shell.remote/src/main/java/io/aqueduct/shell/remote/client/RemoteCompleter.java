package io.aqueduct.shell.remote.client;

import java.io.IOException;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes the first word of a line with the command names the server knows (asked with {@code COMPLETE} on the
 * same connection: the reader runs between requests, so the connection is idle). Other words are not completed.
 */
final class RemoteCompleter implements Completer {

    private final RemoteSession session;

    RemoteCompleter(RemoteSession session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() != 0) {
            return;
        }
        String typed = line.word().substring(0, line.wordCursor());
        try {
            session.complete(typed).forEach(name -> candidates.add(new Candidate(name)));
        } catch (IOException e) {
            // no candidates; the next command reports the lost connection
        }
    }
}
