package io.aqueduct.shell.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.shell.remote.client.RemoteSession;
import io.aqueduct.shell.remote.client.ShellProtocol;
import io.aqueduct.shell.remote.client.ShellRefusedException;
import io.aqueduct.shell.remote.client.ShellState;
import io.aqueduct.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteShellServerTest {

    @TempDir
    Path instanceDir;

    private TestShell shell;
    private final List<RemoteSession> sessions = new ArrayList<>();

    @BeforeEach
    void startShell() throws IOException {
        shell = TestShell.start(instanceDir);
    }

    @AfterEach
    void stopShell() throws IOException {
        for (RemoteSession session : sessions) {
            session.close();
        }
        shell.close();
    }

    @Test
    void refusesAWrongToken() throws IOException {
        ShellState wrong = new ShellState("127.0.0.1", shell.port(), "not-the-token");

        ShellRefusedException refused = assertThrows(ShellRefusedException.class, () -> RemoteSession.open(wrong));

        assertEquals("wrong token", refused.getMessage());
    }

    @Test
    void closesTheConnectionAfterAWrongToken() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), shell.port())) {
            socket.getOutputStream().write("guess\nEXEC test:greet x\n".getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();

            assertEquals("\0ERR wrong token", ShellProtocol.readLine(in, 1000));
            assertNull(ShellProtocol.readLine(in, 1000), "no response to requests after a wrong token");
        }
    }

    @Test
    void execPrintsTheResultAndExitsZero() throws IOException {
        Output output = new Output();

        int exit = open().exec("test:greet Alice", output.out, output.err);

        assertEquals(0, exit);
        assertEquals("hello Alice\n", output.out());
        assertEquals("", output.err());
    }

    @Test
    void aMultiLineResultIsPrintedAsTheLocalShellPrintsIt() throws IOException {
        Output output = new Output();

        assertEquals(0, open().exec("test:table", output.out, output.err));

        assertEquals("A  B\n1  2\n", output.out());
    }

    @Test
    void outputPrintedByACommandReachesTheClient() throws IOException {
        Output output = new Output();

        assertEquals(0, open().exec("test:say printed", output.out, output.err));

        assertEquals("printed\n", output.out());
    }

    @Test
    void aFailingCommandExitsOneWithItsMessageAndNoStackTrace() throws IOException {
        Output output = new Output();

        int exit = open().exec("test:fail boom", output.out, output.err);

        assertEquals(1, exit);
        assertEquals("boom\n", output.err());
        assertEquals("", output.out());
    }

    @Test
    void whatACommandPrintsToItsErrorStreamReachesTheClientsStandardError() throws IOException {
        // As "e" prints the last exception's stack trace: shown on stderr, and no failure of "e" itself.
        Output output = new Output();
        RemoteSession session = open();

        int exit = session.exec("test:complain broken", output.out, output.err);

        assertEquals(0, exit);
        assertEquals("broken\npartial line\n", output.err());
        assertEquals("trying\n", output.out());
        Output next = new Output();
        assertEquals(0, session.exec("test:say fine", next.out, next.err), "the next command starts afresh");
        assertEquals("fine\n", next.out());
    }

    @Test
    void aCommandThatReturnsOnlyItsFailuresAsTextExitsOne() throws IOException {
        // Felix's "start nosuchbundle" returns "java.net.MalformedURLException: ..." as its result.
        Output output = new Output();

        assertEquals(1, open().exec("test:start nosuchbundle", output.out, output.err));

        assertEquals("java.net.MalformedURLException: no protocol: nosuchbundle\n", output.err());
        assertEquals("", output.out());
    }

    @Test
    void onlyResultsMadeOfFailureLinesCountAsFailures() {
        assertTrue(ShellConnection.isErrorReport("org.osgi.framework.BundleException: Unable to resolve x\n"
                + "java.io.FileNotFoundException: /x.jar (No such file or directory)\n"));
        assertTrue(ShellConnection.isErrorReport("Bundle ID '99'  is invalid.\n"));
        assertFalse(ShellConnection.isErrorReport(""));
        assertFalse(ShellConnection.isErrorReport("Bundle ID: 42"), "felix:install's success");
        assertFalse(ShellConnection.isErrorReport("KEY  STATE  LAST ERROR\nlive/a  retrying  "
                + "java.net.ConnectException: refused"), "a table that lists an error");
        assertFalse(ShellConnection.isErrorReport("started\njava.io.IOException: x"), "not only failures");
    }

    @Test
    void anUnknownCommandFails() throws IOException {
        Output output = new Output();

        assertEquals(1, open().exec("nosuch:thing", output.out, output.err));

        assertTrue(output.err().contains("Command not found: nosuch:thing"), output.err());
    }

    @Test
    void aCommandOfSeveralLinesRunsEveryLine() throws IOException {
        Output output = new Output();

        assertEquals(0, open().exec("test:say one\ntest:say two", output.out, output.err));

        assertEquals("one\ntwo\n", output.out());
    }

    @Test
    void aSessionKeepsItsVariablesAndOtherSessionsDoNotSeeThem() throws IOException {
        RemoteSession first = open();
        RemoteSession second = open();
        Output discarded = new Output();
        Output fromFirst = new Output();
        Output fromSecond = new Output();

        assertEquals(0, first.exec("who = test:greet Bob", discarded.out, discarded.err));
        assertEquals(0, first.exec("$who", fromFirst.out, fromFirst.err));
        second.exec("$who", fromSecond.out, fromSecond.err);

        assertTrue(fromFirst.out().contains("hello Bob"), fromFirst.out());
        assertFalse(fromSecond.out().contains("hello Bob"), fromSecond.out());
    }

    @Test
    void completeListsTheMatchingCommandNames() throws IOException {
        RemoteSession session = open();

        assertEquals(List.of("test:greet"), session.complete("test:g"));
        assertEquals(List.of("say"), session.complete("sa"));
        assertEquals(List.of("complain", "fail", "greet", "say", "start", "table", "test:complain", "test:fail",
                "test:greet", "test:say", "test:start", "test:table"), session.complete(""));
        assertEquals(List.of(), session.complete("zzz"));
    }

    @Test
    void writesTheStateFileReadableByTheOwnerOnlyAndDeletesItOnDeactivate() throws IOException {
        Path file = instanceDir.resolve("shell.port");
        ShellState state = ShellState.read(instanceDir);

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(shell.port(), state.port());
        assertEquals("127.0.0.1", state.address());
        assertEquals(64, state.token().length(), "256 bits in hex");

        shell.stop();

        assertFalse(Files.exists(file), "state file left after deactivate");
    }

    @Test
    void deactivateEndsOpenSessions() throws IOException {
        RemoteSession session = open();

        shell.stop();

        Output output = new Output();
        assertThrows(IOException.class, () -> session.exec("test:greet late", output.out, output.err));
    }

    @Test
    void refusesTheNinthConcurrentSessionWithAMessageAndAcceptsAgainWhenOneEnds() throws IOException {
        for (int i = 0; i < RemoteShellServer.MAX_SESSIONS; i++) {
            open();
        }

        ShellRefusedException refused = assertThrows(ShellRefusedException.class, this::open);
        assertEquals("too many shell sessions (8 open); try again later", refused.getMessage());

        sessions.remove(0).close();
        Await.until(Duration.ofSeconds(10), this::opens, "no session accepted after one of eight closed");
    }

    @Test
    void onAWildcardAddressClientsConnectThroughLoopback(@TempDir Path otherInstance) throws IOException {
        shell.close();
        shell = TestShell.start("0.0.0.0", otherInstance);
        ShellState state = ShellState.read(otherInstance);
        Output output = new Output();

        try (RemoteSession session = RemoteSession.open(state)) {
            assertEquals(0, session.exec("test:greet wide", output.out, output.err));
        }

        assertEquals("0.0.0.0", state.address());
        assertEquals("hello wide\n", output.out());
    }

    private RemoteSession open() throws IOException {
        RemoteSession session = RemoteSession.open(ShellState.read(instanceDir));
        sessions.add(session);
        return session;
    }

    private boolean opens() {
        try {
            open();
            return true;
        } catch (ShellRefusedException e) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What a client printed, split like stdout and stderr. */
    private static final class Output {
        private final StringBuilder outText = new StringBuilder();
        private final StringBuilder errText = new StringBuilder();
        final Consumer<String> out = line -> outText.append(line).append('\n');
        final Consumer<String> err = line -> errText.append(line).append('\n');

        String out() {
            return outText.toString();
        }

        String err() {
            return errText.toString();
        }
    }
}
