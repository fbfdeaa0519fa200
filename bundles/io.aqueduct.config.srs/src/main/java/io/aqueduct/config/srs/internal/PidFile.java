package io.aqueduct.config.srs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The file holding this JVM's process id, as SRS's {@code pid} directive asks, so scripts can find and signal the
 * server. Missing parent directories (such as {@code ./objs}) are created.
 */
final class PidFile {

    private final Path path;
    private final String content;

    private PidFile(Path path, String content) {
        this.path = path;
        this.content = content;
    }

    /** Writes the current process id to the path, replacing any previous content. */
    static PidFile write(Path path) throws IOException {
        String content = ProcessHandle.current().pid() + "\n";
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return new PidFile(path, content);
    }

    Path path() {
        return path;
    }

    /** Deletes the file, unless another process has since written its own id into it. */
    void delete() throws IOException {
        try {
            if (content.equals(Files.readString(path, StandardCharsets.UTF_8))) {
                Files.delete(path);
            }
        } catch (NoSuchFileException e) {
            // Already gone: nothing to clean up.
        }
    }
}
