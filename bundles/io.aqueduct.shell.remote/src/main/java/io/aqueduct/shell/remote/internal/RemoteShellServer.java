package io.aqueduct.shell.remote.internal;

import io.aqueduct.shell.remote.client.ShellProtocol;
import io.aqueduct.shell.remote.client.ShellState;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves this server's Gogo shell on a socket, for {@code bin/aqueduct shell} (see {@link ShellProtocol} for the
 * protocol). It listens on loopback by default and publishes its port and a fresh random token in the instance
 * directory's {@code shell.port} (mode 600), deleted again on deactivation: only the user running the server can
 * read the token, so only that user (and root) can open a session. At most {@value #MAX_SESSIONS} sessions run
 * at once, each on its own pool thread with its own Gogo session; further connections get an error line.
 *
 * <p>The instance directory comes from the framework property {@value #INSTANCE_DIR_PROPERTY} (set by
 * bin/aqueduct), else the bundle's data area. A config change restarts the component on the new address.
 */
@Component(immediate = true, service = {}, configurationPid = RemoteShellServer.PID)
@Designate(ocd = RemoteShellConfig.class)
public final class RemoteShellServer {

    static final String PID = "io.aqueduct.shell.remote";
    static final String INSTANCE_DIR_PROPERTY = "aqueduct.instance.dir";
    /** Where Gogo finds etc/gosh_profile; the remote sessions run the same profile as the local shell. */
    static final String GOSH_HOME_PROPERTY = "gosh.home";
    static final int MAX_SESSIONS = 8;
    private static final int STOP_WAIT_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(RemoteShellServer.class);

    private final CommandProcessor processor;
    private final Optional<String> profile;
    private final ServerSocket server;
    private final String token;
    private final Path stateFile;
    private final Semaphore sessionSlots = new Semaphore(MAX_SESSIONS);
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService sessions;
    private final Thread acceptor;

    @Activate
    public RemoteShellServer(@Reference CommandProcessor processor, RemoteShellConfig config, BundleContext context)
            throws IOException {
        this(processor, config, stateDirectory(context), profile(context));
    }

    /**
     * Binds, writes the state file into {@code stateDir} and starts accepting.
     *
     * @param profile Gogo script run silently at the start of every session
     */
    RemoteShellServer(CommandProcessor processor, RemoteShellConfig config, Path stateDir, Optional<String> profile)
            throws IOException {
        this.processor = processor;
        this.profile = profile;
        InetAddress address = InetAddress.getByName(config.address());
        this.server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(address, config.port()), 50);
            if (!address.isLoopbackAddress()) {
                LOG.warn("remote shell listening on {}: anyone who can reach it controls this server",
                        server.getLocalSocketAddress());
            }
            this.token = newToken();
            this.stateFile = new ShellState(address.getHostAddress(), server.getLocalPort(), token).write(stateDir);
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
        this.sessions = Executors.newFixedThreadPool(MAX_SESSIONS, namedThreads("aqueduct-shell-session-"));
        this.acceptor = new Thread(this::acceptLoop, "aqueduct-shell-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("remote shell listening on {} (for bin/aqueduct shell, through {})",
                server.getLocalSocketAddress(), stateFile);
    }

    /** The port it listens on. */
    int port() {
        return server.getLocalPort();
    }

    /** Stops accepting, ends every session (running commands are interrupted) and deletes the state file. */
    @Deactivate
    void deactivate() {
        closeQuietly(server);
        openSockets.forEach(RemoteShellServer::closeQuietly);
        sessions.shutdownNow();
        try {
            if (!sessions.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("remote shell: a command still runs after the shell stopped");
            }
            acceptor.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            LOG.warn("remote shell: cannot delete {}: {}", stateFile, e.toString());
        }
        LOG.info("remote shell on port {} stopped", server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.error("remote shell stopped accepting connections on port {}", server.getLocalPort(), e);
                }
                return;
            }
            if (!sessionSlots.tryAcquire()) {
                refuse(socket);
                continue;
            }
            openSockets.add(socket);
            try {
                sessions.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                // deactivating: the pool takes no more work
                release(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            new ShellConnection(socket, processor, token, profile).run();
        } finally {
            release(socket);
        }
    }

    private void release(Socket socket) {
        closeQuietly(socket);
        openSockets.remove(socket);
        sessionSlots.release();
    }

    private void refuse(Socket socket) {
        LOG.warn("remote shell refused {}: {} sessions already open", socket.getRemoteSocketAddress(), MAX_SESSIONS);
        try (socket) {
            Refusal.send(socket, "too many shell sessions (" + MAX_SESSIONS + " open); try again later");
        } catch (IOException e) {
            LOG.debug("remote shell: refusal to {} incomplete", socket.getRemoteSocketAddress(), e);
        }
    }

    /** 256 random bits, fresh for every activation, so an old state file's token is worthless. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Path stateDirectory(BundleContext context) throws IOException {
        String configured = context.getProperty(INSTANCE_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Files.createDirectories(Path.of(configured));
        }
        File data = context.getDataFile("");
        if (data == null) {
            throw new IOException("no " + INSTANCE_DIR_PROPERTY + " property and no bundle data area for shell.port");
        }
        return Files.createDirectories(data.toPath());
    }

    private static Optional<String> profile(BundleContext context) {
        String home = context.getProperty(GOSH_HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(home, "etc", "gosh_profile");
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("remote shell sessions run without {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("remote shell: close failed", e);
        }
    }
}
