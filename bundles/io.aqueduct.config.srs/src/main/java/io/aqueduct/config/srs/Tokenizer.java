package io.aqueduct.config.srs;

import java.nio.file.Path;

/**
 * Splits the text of one file into words and the punctuation {@code ; { }}. Comments run from a {@code #} at the
 * start of a word to the end of the line (a {@code #} inside a word, as in a URL, is kept). Quoted words use
 * {@code "} or {@code '} with backslash escapes ({@code \n \t \r}, anything else stands for itself).
 */
final class Tokenizer {

    enum Kind { WORD, SEMICOLON, OPEN, CLOSE, END }

    record Token(Kind kind, String text, int line) {
    }

    private final String text;
    private final Path file;
    private int pos;
    private int line = 1;

    Tokenizer(String text, Path file) {
        // A UTF-8 byte order mark written by some editors is not part of the first directive's name.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.file = file;
    }

    Token next() throws ConfigException {
        skipBlanksAndComments();
        if (pos >= text.length()) {
            return new Token(Kind.END, "", line);
        }
        char c = text.charAt(pos);
        switch (c) {
            case ';':
                pos++;
                return new Token(Kind.SEMICOLON, ";", line);
            case '{':
                pos++;
                return new Token(Kind.OPEN, "{", line);
            case '}':
                pos++;
                return new Token(Kind.CLOSE, "}", line);
            case '"':
            case '\'':
                return quoted(c);
            default:
                return word();
        }
    }

    private void skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (isBlank(c)) {
                if (c == '\n') {
                    line++;
                }
                pos++;
            } else {
                return;
            }
        }
    }

    private Token word() {
        int start = pos;
        while (pos < text.length() && !endsWord(text.charAt(pos))) {
            pos++;
        }
        return new Token(Kind.WORD, text.substring(start, pos), line);
    }

    private Token quoted(char quote) throws ConfigException {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw new ConfigException(file, startLine, "unterminated quote " + quote);
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
                value.append(unescape(c));
            } else {
                value.append(c);
            }
            if (c == '\n') {
                line++;
            }
        }
        if (pos < text.length() && !endsWord(text.charAt(pos))) {
            throw new ConfigException(file, line,
                    "unexpected '" + text.charAt(pos) + "' after closing quote " + quote);
        }
        return new Token(Kind.WORD, value.toString(), startLine);
    }

    private static char unescape(char c) {
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            default:
                return c;
        }
    }

    private static boolean endsWord(char c) {
        return isBlank(c) || c == ';' || c == '{' || c == '}';
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || c == '\u00A0';
    }
}
