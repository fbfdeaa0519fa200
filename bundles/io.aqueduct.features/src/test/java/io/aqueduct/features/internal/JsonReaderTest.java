package io.aqueduct.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValueKeepingMemberOrder() {
        Object parsed = JsonReader.parse("""
                { "s": "text", "n": -12.5e1, "i": 0, "t": true, "f": false, "z": null,
                  "a": [1, "two", [], {}], "o": { "inner": "x" } }
                """);

        Map<?, ?> object = (Map<?, ?>) parsed;
        assertEquals(List.of("s", "n", "i", "t", "f", "z", "a", "o"), List.copyOf(object.keySet()));
        assertEquals("text", object.get("s"));
        assertEquals(new BigDecimal("-12.5e1"), object.get("n"));
        assertEquals(BigDecimal.ZERO, object.get("i"));
        assertEquals(Boolean.TRUE, object.get("t"));
        assertEquals(Boolean.FALSE, object.get("f"));
        assertNull(object.get("z"));
        assertEquals(List.of(BigDecimal.ONE, "two", List.of(), Map.of()), object.get("a"));
        assertEquals(Map.of("inner", "x"), object.get("o"));
    }

    @Test
    void decodesStringEscapes() {
        assertEquals("a\"b\\c/d\b\f\n\r\té", JsonReader.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\""));
    }

    @Test
    void skipsLineAndBlockCommentsAsTheFeatureFormatAllows() {
        Object parsed = JsonReader.parse("""
                // a feature
                { /* the id */ "id": "x", // trailing
                  "b": [ /* none */ ] }
                """);

        assertEquals(Map.of("id", "x", "b", List.of()), parsed);
    }

    @Test
    void errorsNameLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"));

        assertEquals("line 3, column 7: expected ':'", e.getMessage());
    }

    @Test
    void rejectsWhatJsonDoesNotAllow() {
        for (String bad : Arrays.asList("", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", "-", "tru", "\"open",
                "\"bad \\x escape\"", "\"tab\there\"", "{} {}", "{\"a\":1, \"a\":2}", "/* open", "[1 2]",
                "\"\\u12\"")) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), () -> "accepted: " + bad);
        }
    }

    @Test
    void duplicateMemberIsReportedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parse("{\"id\": 1, \"id\": 2}"));

        assertEquals("line 1, column 11: duplicate member \"id\"", e.getMessage());
    }
}
