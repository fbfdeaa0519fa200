package io.aqueduct.shell.remote.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.shell.remote.internal.TestShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's modes and exit codes, against a real shell server (Gogo outside OSGi). */
class ShellClientTest {

    @TempDir
    Path instanceDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void runsTheCommandGivenAsArgumentsAndExitsZero() throws IOException {
        try (TestShell shell = TestShell.start(instanceDir)) {
            int exit = client(InputStream.nullInputStream()).run(args("test:greet", "Ann"), false);

            assertEquals(0, exit, err());
            assertEquals("hello Ann\n", out());
        }
    }

    @Test
    void aFailedCommandExitsOneWithItsMessageOnStderr() throws IOException {
        try (TestShell shell = TestShell.start(instanceDir)) {
            int exit = client(InputStream.nullInputStream()).run(args("test:fail gone"), false);

            assertEquals(1, exit);
            assertEquals("gone\n", err());
        }
    }

    @Test
    void withoutACommandAndATerminalItRunsStdinLineByLineUntilExit() throws IOException {
        String script = "test:greet A\n\ntest:fail broken\ntest:greet B\nexit\ntest:greet never\n";
        try (TestShell shell = TestShell.start(instanceDir)) {
            int exit = client(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8))).run(args(), false);

            assertEquals(1, exit, "one line failed");
            assertEquals("hello A\nhello B\n", out());
            assertEquals("broken\n", err());
        }
    }

    @Test
    void noRunningServerExitsTwoNamingTheStateFile() {
        int exit = client(InputStream.nullInputStream()).run(args("lb"), false);

        assertEquals(2, exit);
        assertEquals("aqueduct shell: no running server for " + instanceDir + " (no "
                + instanceDir.resolve("shell.port") + ")\n", err());
    }

    @Test
    void aStateFileLeftByAKilledServerExitsTwo() throws IOException {
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = gone.getLocalPort();
        }
        new ShellState("127.0.0.1", deadPort, "t").write(instanceDir);

        int exit = client(InputStream.nullInputStream()).run(args("lb"), false);

        assertEquals(2, exit);
        assertTrue(err().contains("nothing listens on port " + deadPort), err());
    }

    @Test
    void withoutArgumentsItPrintsUsage() {
        assertEquals(2, client(InputStream.nullInputStream()).run(new String[0], false));
        assertTrue(err().startsWith("usage:"), err());
    }

    @Test
    void colourCodesAreDroppedWhenTheOutputIsNoTerminal() {
        String coloured = "\u001B[31;1mAqueduct\u001B[0m :: Remote shell";

        assertEquals("Aqueduct :: Remote shell", ShellClient.withoutAnsiCodes(coloured));
    }

    private String[] args(String... command) {
        String[] args = new String[command.length + 1];
        args[0] = instanceDir.toString();
        System.arraycopy(command, 0, args, 1, command.length);
        return args;
    }

    private ShellClient client(InputStream stdin) {
        return new ShellClient(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
