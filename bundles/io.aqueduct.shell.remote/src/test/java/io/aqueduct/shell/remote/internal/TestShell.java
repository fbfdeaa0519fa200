package io.aqueduct.shell.remote.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;

/**
 * A {@link RemoteShellServer} on a free loopback port over Gogo's real command processor (outside OSGi), with the
 * commands of {@link TestCommands} in scope {@code test}. Public for the client tests in another package.
 */
public final class TestShell implements AutoCloseable {

    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final CommandProcessorImpl processor;
    private final RemoteShellServer server;
    private boolean stopped;
    private boolean closed;

    private TestShell(String address, Path instanceDir) throws IOException {
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        TestCommands commands = new TestCommands();
        for (String function : TestCommands.FUNCTIONS) {
            processor.addCommand("test", commands, function);
        }
        try {
            server = new RemoteShellServer(processor, config(address), instanceDir, Optional.empty());
        } catch (IOException | RuntimeException e) {
            processor.stop();
            threadIO.stop();
            throw e;
        }
    }

    /** Starts a shell on 127.0.0.1 whose state file goes into {@code instanceDir}. */
    public static TestShell start(Path instanceDir) throws IOException {
        return new TestShell("127.0.0.1", instanceDir);
    }

    /** Starts a shell on {@code address}. */
    public static TestShell start(String address, Path instanceDir) throws IOException {
        return new TestShell(address, instanceDir);
    }

    public int port() {
        return server.port();
    }

    /** Deactivates the component, as SCR does when the bundle stops. */
    public void stop() {
        if (!stopped) {
            stopped = true;
            server.deactivate();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        processor.stop();
        threadIO.stop();
    }

    private static RemoteShellConfig config(String address) {
        return new RemoteShellConfig() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public int port() {
                return 0;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return RemoteShellConfig.class;
            }
        };
    }
}
