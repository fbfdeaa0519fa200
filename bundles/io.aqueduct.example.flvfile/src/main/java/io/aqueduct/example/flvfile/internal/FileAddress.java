package io.aqueduct.example.flvfile.internal;

import java.net.SocketAddress;

/** Where a file publisher's media comes from, shown where other clients show their IP address and port. */
final class FileAddress extends SocketAddress {

    private static final long serialVersionUID = 1L;

    private final String path;

    FileAddress(String file) {
        this.path = file;
    }

    @Override
    public String toString() {
        return "file:" + path;
    }
}
