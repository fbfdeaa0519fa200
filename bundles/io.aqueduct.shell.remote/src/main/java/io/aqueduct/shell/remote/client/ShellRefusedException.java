package io.aqueduct.shell.remote.client;

import java.io.IOException;

/** The server refused a shell session; the message is its reason (wrong token, too many sessions). */
public final class ShellRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public ShellRefusedException(String reason) {
        super(reason);
    }
}
