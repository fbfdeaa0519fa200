package io.aqueduct.shell.remote.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqueduct.shell.remote.internal.TestShell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion of the first word through the server, as jline asks for it. */
class RemoteCompleterTest {

    @TempDir
    Path instanceDir;

    @Test
    void completesTheFirstWordWithTheServersCommandNames() throws IOException {
        assertEquals(List.of("test:greet"), complete("test:gr"));
        assertEquals(List.of("table", "test:complain", "test:fail", "test:greet", "test:say", "test:start",
                "test:table"), complete("t"));
    }

    @Test
    void leavesOtherWordsAlone() throws IOException {
        assertEquals(List.of(), complete("test:greet t"));
    }

    private List<String> complete(String typed) throws IOException {
        try (TestShell shell = TestShell.start(instanceDir);
             RemoteSession session = RemoteSession.open(ShellState.read(instanceDir))) {
            List<Candidate> candidates = new ArrayList<>();
            new RemoteCompleter(session).complete(null,
                    new DefaultParser().parse(typed, typed.length(), Parser.ParseContext.COMPLETE), candidates);
            return candidates.stream().map(Candidate::value).toList();
        }
    }
}
