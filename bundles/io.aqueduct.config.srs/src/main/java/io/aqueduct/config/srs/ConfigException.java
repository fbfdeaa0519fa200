package io.aqueduct.config.srs;

import java.nio.file.Path;

/**
 * A configuration file that cannot be read or parsed. The message always starts with the location, as
 * {@code file:line: what} (or {@code file: what} when the whole file is at fault, e.g. it cannot be read).
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String reason;

    /**
     * @param file   the file at fault
     * @param line   the 1-based line, or 0 when the error is about the file as a whole
     * @param reason what is wrong, without the location
     */
    public ConfigException(Path file, int line, String reason) {
        this(file, line, reason, null);
    }

    /** As {@link #ConfigException(Path, int, String)}, keeping the I/O error that caused it. */
    public ConfigException(Path file, int line, String reason, Throwable cause) {
        super(location(file, line) + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the error concerns the whole file. */
    public int line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }

    private static String location(Path file, int line) {
        return line > 0 ? file + ":" + line : String.valueOf(file);
    }
}
