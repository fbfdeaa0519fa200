package io.aqueduct.amf;

import java.util.List;
import java.util.Map;

/**
 * Typed look-ups in decoded AMF values, for reading command objects such as the RTMP {@code connect} object
 * without casts. A missing key or a value of another type gives the fallback, never an exception. Stateless.
 */
public final class AmfObjects {

    private AmfObjects() {
    }

    /** The string under {@code key}, or {@code null} when absent or not a string. */
    public static String string(Map<?, ?> map, String key) {
        return map != null && map.get(key) instanceof String s ? s : null;
    }

    /** The string under {@code key}, or {@code fallback} when absent or not a string. */
    public static String string(Map<?, ?> map, String key, String fallback) {
        String s = string(map, key);
        return s != null ? s : fallback;
    }

    /** The number under {@code key} as a double, or {@code fallback} when absent or not a number. */
    public static double number(Map<?, ?> map, String key, double fallback) {
        return map != null && map.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    /** The boolean under {@code key}, or {@code fallback} when absent or not a boolean. */
    public static boolean bool(Map<?, ?> map, String key, boolean fallback) {
        return map != null && map.get(key) instanceof Boolean b ? b : fallback;
    }

    /**
     * The map under {@code key} ({@link java.util.LinkedHashMap}, {@link EcmaArray}, or a
     * {@link TypedObject}'s properties), or {@code null} when absent or not a map.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<?, ?> map, String key) {
        Object value = map != null ? map.get(key) : null;
        if (value instanceof TypedObject typed) {
            return typed.properties();
        }
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** The value at {@code index} if it is a map (as {@link #map}), else {@code null}; for command arguments. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(List<?> values, int index) {
        Object value = values != null && index >= 0 && index < values.size() ? values.get(index) : null;
        if (value instanceof TypedObject typed) {
            return typed.properties();
        }
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
