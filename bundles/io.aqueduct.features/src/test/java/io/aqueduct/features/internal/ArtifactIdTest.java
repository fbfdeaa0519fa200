package io.aqueduct.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactIdTest {

    private static final Path REPOSITORY = Path.of("/opt/aqueduct/repository");

    @Test
    void threePartsAreAJarInTheMavenLayout() {
        ArtifactId id = ArtifactId.parse("io.aqueduct:io.aqueduct.httpflv:0.1.0-SNAPSHOT");

        assertEquals(new ArtifactId("io.aqueduct", "io.aqueduct.httpflv", "0.1.0-SNAPSHOT", "jar", Optional.empty()),
                id);
        assertEquals(REPOSITORY.resolve("io/aqueduct/io.aqueduct.httpflv/0.1.0-SNAPSHOT/"
                + "io.aqueduct.httpflv-0.1.0-SNAPSHOT.jar"), id.pathIn(REPOSITORY));
        assertEquals("io.aqueduct:io.aqueduct.httpflv:0.1.0-SNAPSHOT", id.toString());
    }

    @Test
    void typeAndClassifierGoIntoTheFileName() {
        ArtifactId id = ArtifactId.parse("io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.2.18.Final");

        assertEquals(REPOSITORY.resolve("io/netty/netty-transport-native-epoll/4.2.18.Final/"
                + "netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar"), id.pathIn(REPOSITORY));
        assertEquals("io.aqueduct:aqueduct-feature-edge:osgifeature:1.0",
                ArtifactId.parse("io.aqueduct:aqueduct-feature-edge:osgifeature:1.0").toString());
    }

    @Test
    void rejectsMalformedIds() {
        for (String bad : new String[] { "io.aqueduct:httpflv", "a:b:c:d:e:f", "io.aqueduct::1.0", "a:../x:1.0" }) {
            assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse(bad), bad);
        }
    }
}
