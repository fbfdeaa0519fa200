package io.aqueduct.shell.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.aqueduct.shell.remote.client.ShellProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionOutputTest {

    @Test
    void aLongErrorLineIsSplitBetweenCharactersNeverInsideOne() throws IOException {
        // 8191 ASCII bytes, then characters of 2, 3 and 4 bytes: the first piece would end inside the "é".
        String text = "x".repeat(8191) + "é€😀 done";
        ByteArrayOutputStream socket = new ByteArrayOutputStream();
        SessionOutput out = new SessionOutput(socket);
        out.errors().write((text + "\n").getBytes(StandardCharsets.UTF_8));

        List<String> pieces = new ArrayList<>();
        for (String line : socket.toString(StandardCharsets.UTF_8).split("\n")) {
            pieces.add(ShellProtocol.markerText(line, ShellProtocol.ERR));
        }
        assertEquals(2, pieces.size());
        assertEquals(8191, pieces.get(0).length());
        assertFalse(String.join("", pieces).contains("\uFFFD"));
        assertEquals(text, String.join("", pieces));
    }

    @Test
    void theBoundaryIsTheStartOfAnUnfinishedCharacter() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // 61 E2 82 AC
        assertEquals(4, SessionOutput.utf8Boundary(euro, 4));
        assertEquals(1, SessionOutput.utf8Boundary(euro, 3));
        assertEquals(1, SessionOutput.utf8Boundary(euro, 2));
        assertEquals(1, SessionOutput.utf8Boundary(euro, 1));
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(4, SessionOutput.utf8Boundary(emoji, 4));
        assertEquals(0, SessionOutput.utf8Boundary(emoji, 3));
    }
}
