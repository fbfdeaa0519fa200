package io.aqueduct.amf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMF0 ECMA array (associative array, marker 0x08), as used by {@code onMetaData}. It is an ordinary
 * insertion-ordered map; the distinct type only tells {@link Amf0Writer} to write an ECMA array rather than an
 * anonymous object. Not thread-safe, like {@link LinkedHashMap}.
 */
public class EcmaArray extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    /** An empty ECMA array. */
    public EcmaArray() {
    }

    /** An ECMA array holding a copy of {@code entries}, in their iteration order. */
    public EcmaArray(Map<String, ?> entries) {
        super(entries);
    }
}
