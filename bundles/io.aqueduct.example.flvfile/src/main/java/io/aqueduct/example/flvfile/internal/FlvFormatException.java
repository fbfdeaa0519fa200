package io.aqueduct.example.flvfile.internal;

import java.io.IOException;
import java.nio.file.Path;

/** An FLV file that cannot be read: says which file and at which byte offset. */
final class FlvFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    FlvFormatException(Path file, long offset, String problem) {
        super(file + " at offset " + offset + ": " + problem);
    }
}
