package io.aqueduct.shell.remote.client;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * What a running server publishes about its remote shell in {@code INSTANCE_DIR/shell.port}: where it listens
 * and the secret a client must send first. Only the server's user may read the file (mode 600): the secret is
 * what stops other local users from driving the shell.
 *
 * @param address the address the server listens on (a wildcard address means "connect through loopback")
 * @param port    its TCP port
 * @param token   the secret, sent by the client as its first line
 */
public record ShellState(String address, int port, String token) {

    /** Name of the state file in the instance directory. */
    public static final String FILE_NAME = "shell.port";

    /** The state file of the server whose instance directory is {@code instanceDir}. */
    public static Path file(Path instanceDir) {
        return instanceDir.resolve(FILE_NAME);
    }

    /**
     * Reads the state file of {@code instanceDir}.
     *
     * @throws java.nio.file.NoSuchFileException when no server publishes a shell there
     * @throws IOException                       when the file cannot be read or lacks a key
     */
    public static ShellState read(Path instanceDir) throws IOException {
        Path file = file(instanceDir);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String port = p.getProperty("port");
        String token = p.getProperty("token");
        if (port == null || token == null || !port.matches("\\d{1,5}")) {
            throw new IOException(file + " lacks port or token (written by another version?)");
        }
        return new ShellState(p.getProperty("address", "127.0.0.1"), Integer.parseInt(port), token);
    }

    /**
     * Writes this state to {@code instanceDir} with mode 600 (where the file system has POSIX permissions),
     * replacing an older file atomically, so a client never reads half a file.
     */
    public Path write(Path instanceDir) throws IOException {
        Path file = file(instanceDir);
        Path temp = instanceDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection has to do
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process writes " + temp + " at the same time", e);
        }
        String text = "# The remote shell of the server running on this instance directory (bin/aqueduct shell).\n"
                + "# Written when the shell starts listening, deleted when the server stops.\n"
                + "address=" + address + "\nport=" + port + "\ntoken=" + token + "\n";
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Where a client connects: the listening address, or loopback when the server listens on every address. */
    public InetSocketAddress connectAddress() throws UnknownHostException {
        InetAddress listening = InetAddress.getByName(address);
        InetAddress target = listening.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : listening;
        return new InetSocketAddress(target, port);
    }

    /** Without the token: the state may end up in a log line. */
    @Override
    public String toString() {
        return "ShellState[" + address + ":" + port + "]";
    }
}
