package io.aqueduct.config.srs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqueduct.config.srs.ConfigException;
import io.aqueduct.config.srs.SrsConfigParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Helpers shared by the translation tests: translate text, compare properties including their Java types. */
final class TranslationAssertions {

    static final Path WORK_DIR = Path.of("/srv/aqueduct");
    static final Path FILE = Path.of("/etc/aqueduct/test.conf");

    private TranslationAssertions() {
    }

    static Translation translate(String text) throws ConfigException {
        return ConfigTranslation.translate(new SrsConfigParser().parse(text, FILE), FILE, WORK_DIR);
    }

    /** A properties map from alternating keys and values. */
    static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Same keys, and each value equal with the same type (String[] compared element by element). */
    static void assertProperties(Map<String, Object> expected, Map<String, Object> actual) {
        assertNotNull(actual, "configuration missing");
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()));
        expected.forEach((key, value) -> {
            Object got = actual.get(key);
            assertEquals(value.getClass(), got.getClass(), "type of " + key);
            assertTrue(Objects.deepEquals(value, got),
                    key + ": expected " + show(value) + " but was " + show(got));
        });
    }

    /** Expected properties plus the two keys every configuration written from the file carries. */
    static Map<String, Object> fromFile(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("aqueduct.source", "srs-config");
        all.put("aqueduct.config.file", FILE.toString());
        return all;
    }

    private static String show(Object value) {
        return value instanceof Object[] ? Arrays.toString((Object[]) value) : String.valueOf(value);
    }
}
