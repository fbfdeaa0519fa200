package io.aqueduct.amf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object with a class name: AMF0 typed object (marker 0x10) or an AMF3 object whose traits name a class.
 * The properties are an unmodifiable, insertion-ordered copy (values may be {@code null}). Immutable.
 *
 * @param className the alias the sender registered for the class, never {@code null}
 * @param properties the members in wire order
 */
public record TypedObject(String className, Map<String, Object> properties) {

    public TypedObject {
        Objects.requireNonNull(className, "className");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
    }
}
