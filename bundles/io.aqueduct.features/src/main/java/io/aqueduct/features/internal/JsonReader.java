package io.aqueduct.features.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for feature files, which are a few hundred bytes each. It exists so the runtime
 * needs no JSON library: the Feature Service's reference implementation (Apache Felix feature) would bring six more
 * bundles (the feature API, Felix feature, Felix cm.json, the OSGi converter, jakarta.json and Parsson, whose
 * provider lookup wants a service loader mediator), and Felix utils' JSONParser splits text with regular
 * expressions without decoding escapes. The unit tests check the shipped files with the reference implementation.
 * Like the OSGi Feature and Configurator formats, it accepts {@code //} and {@code /* *}{@code /} comments.
 *
 * <p>Values become {@link Map} (insertion order kept), {@link List}, {@link String}, {@link BigDecimal},
 * {@link Boolean} or {@code null}. Errors name the line and column. Not thread-safe: one instance per text.
 */
final class JsonReader {

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses one JSON value that makes up the whole text. */
    static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipBlanks();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected '" + text.charAt(reader.pos) + "' after the JSON value");
        }
        return value;
    }

    private Object value() {
        skipBlanks();
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected '" + c + "', expected a value");
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        pos++;
        skipBlanks();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipBlanks();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            int at = pos;
            String name = string();
            expect(':');
            if (members.containsKey(name)) {
                pos = at;
                throw error("duplicate member \"" + name + "\"");
            }
            members.put(name, value());
            skipBlanks();
            char next = take();
            if (next == '}') {
                return members;
            }
            if (next != ',') {
                pos--;
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array() {
        List<Object> items = new ArrayList<>();
        pos++;
        skipBlanks();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            items.add(value());
            skipBlanks();
            char next = take();
            if (next == ']') {
                return items;
            }
            if (next != ',') {
                pos--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            char c = take();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error(c == 0 && pos >= text.length() ? "unterminated string" : "control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = take();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    pos--;
                    throw error("bad escape '\\" + escaped + "'");
                }
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("bad \\u escape");
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void digits() {
        if (peek() < '0' || peek() > '9') {
            throw error("expected a digit");
        }
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "', expected a value");
        }
        pos += word.length();
        return value;
    }

    private void expect(char wanted) {
        skipBlanks();
        if (take() != wanted) {
            pos--;
            throw error("expected '" + wanted + "'");
        }
    }

    /** Skips whitespace and comments. */
    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (text.startsWith("//", pos)) {
                int end = text.indexOf('\n', pos);
                pos = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unterminated comment");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    /** The next character without consuming it; 0 at the end of the text. */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** Consumes the next character; 0 at the end of the text (the position still advances, for error columns). */
    private char take() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException error(String what) {
        int at = Math.min(pos, text.length());
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new IllegalArgumentException("line " + line + ", column " + (at - lineStart + 1) + ": " + what);
    }
}
