package io.aqueduct.shell.remote.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the remote shell (PID {@code io.aqueduct.shell.remote}). */
@ObjectClassDefinition(name = "Aqueduct remote shell",
        description = "The Gogo shell of this server over a socket, for bin/aqueduct shell")
public @interface RemoteShellConfig {

    @AttributeDefinition(description = "Address to listen on. Keep it a loopback address: whoever reaches the "
            + "port and holds the token of the state file controls the server")
    String address() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port; 0 picks a free one (bin/aqueduct shell finds it in the "
            + "instance directory's shell.port)", min = "0", max = "65535")
    int port() default 0;
}
