package io.aqueduct.features.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed access to members of a parsed JSON object, with errors that say where the bad member is. */
final class FeatureJson {

    private FeatureJson() {
    }

    static String requiredString(Map<String, Object> object, String member, String where) {
        return optionalString(object, member, where)
                .orElseThrow(() -> new IllegalArgumentException(where + ": missing \"" + member + "\""));
    }

    static Optional<String> optionalString(Map<String, Object> object, String member, String where) {
        Object value = object.get(member);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + member + "\" must be a non-empty string");
        }
        return Optional.of(s);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> optionalObject(Map<String, Object> object, String member, String where) {
        Object value = object.get(member);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(where + ": \"" + member + "\" must be an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> requiredArray(Map<String, Object> object, String member, String where) {
        Object value = object.get(member);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(where + ": \"" + member + "\" must be an array");
        }
        return (List<Object>) value;
    }
}
