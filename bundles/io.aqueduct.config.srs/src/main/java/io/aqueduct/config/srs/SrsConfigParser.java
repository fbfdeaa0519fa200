package io.aqueduct.config.srs;

import io.aqueduct.config.srs.Tokenizer.Kind;
import io.aqueduct.config.srs.Tokenizer.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses SRS-style (nginx-like) configuration files into a {@link ConfigNode} tree.
 *
 * <p>Syntax: directives {@code name arg1 arg2 ...;}, blocks {@code name args { ... }}, {@code #} comments to the
 * end of the line, single- or double-quoted words with backslash escapes, and {@code include path;} (relative to
 * the including file) which splices the directives of another file in place. Whitespace, newlines included, may
 * appear anywhere between words, and everything may be on one line.
 *
 * <p>Input is bounded: each file is at most {@code maxFileBytes}, all files of one parse together at most
 * {@code 16 * maxFileBytes}, includes nest at most {@code maxIncludeDepth} deep (cycles are reported) and blocks at
 * most {@code maxNesting} deep. Every failure is a {@link ConfigException} located as {@code file:line}.
 *
 * <p>Instances are immutable and thread-safe; each call parses independently.
 */
public final class SrsConfigParser {

    /** Default maximum size of one file: 1 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
    /** Default maximum depth of nested includes. */
    public static final int DEFAULT_MAX_INCLUDE_DEPTH = 8;
    /** Default maximum depth of nested blocks. */
    public static final int DEFAULT_MAX_NESTING = 16;

    private final long maxFileBytes;
    private final int maxIncludeDepth;
    private final int maxNesting;

    /** A parser with the default limits. */
    public SrsConfigParser() {
        this(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_INCLUDE_DEPTH, DEFAULT_MAX_NESTING);
    }

    public SrsConfigParser(long maxFileBytes, int maxIncludeDepth, int maxNesting) {
        this.maxFileBytes = maxFileBytes;
        this.maxIncludeDepth = maxIncludeDepth;
        this.maxNesting = maxNesting;
    }

    /**
     * Reads and parses a file and everything it includes.
     *
     * @return the root block (empty name, line 0) holding the top-level directives
     * @throws ConfigException if a file cannot be read, is too large, or is not well formed
     */
    public ConfigNode parse(Path file) throws ConfigException {
        Run run = new Run();
        return new ConfigNode("", List.of(), run.parseFile(file, null, 0), true, file, 0);
    }

    /**
     * Parses text as if it were the content of {@code file}: locations name that file and includes are resolved
     * against its directory.
     */
    public ConfigNode parse(String text, Path file) throws ConfigException {
        Run run = new Run();
        if (text.length() > maxFileBytes) {
            throw new ConfigException(file, 0, "file too large: more than " + maxFileBytes + " bytes");
        }
        run.totalBytes = text.length();
        run.includeStack.push(realOrAbsolute(file));
        return new ConfigNode("", List.of(), run.parseText(text, file), true, file, 0);
    }

    private static Path realOrAbsolute(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** The state of one parse: the include chain and the byte budget. */
    private final class Run {
        private final Deque<Path> includeStack = new ArrayDeque<>();
        private long totalBytes;

        /** Parses one file; {@code from}/{@code fromLine} locate the include that asked for it (null for the root). */
        List<ConfigNode> parseFile(Path file, Path from, int fromLine) throws ConfigException {
            Path errorFile = from == null ? file : from;
            int errorLine = from == null ? 0 : fromLine;
            String what = from == null ? "cannot read" : "cannot read include '" + file + "'";
            Path real;
            String text;
            try {
                real = file.toRealPath();
                if (includeStack.contains(real)) {
                    throw new ConfigException(errorFile, errorLine, "include cycle: " + cycle(real));
                }
                if (includeStack.size() > maxIncludeDepth) {
                    throw new ConfigException(errorFile, errorLine,
                            "includes nested deeper than " + maxIncludeDepth);
                }
                if (Files.isDirectory(real)) {
                    throw new ConfigException(errorFile, errorLine, what + ": is a directory");
                }
                long size = Files.size(real);
                if (size > maxFileBytes) {
                    throw new ConfigException(errorFile, errorLine,
                            (from == null ? "" : "include '" + file + "': ") + "file too large: " + size
                                    + " bytes (max " + maxFileBytes + ")");
                }
                totalBytes += size;
                if (totalBytes > 16 * maxFileBytes) {
                    throw new ConfigException(errorFile, errorLine,
                            "included files too large in total (max " + 16 * maxFileBytes + " bytes)");
                }
                text = new String(Files.readAllBytes(real), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ConfigException(errorFile, errorLine, what + ": no such file", e);
            } catch (AccessDeniedException e) {
                throw new ConfigException(errorFile, errorLine, what + ": permission denied", e);
            } catch (IOException e) {
                throw new ConfigException(errorFile, errorLine, what + ": " + e, e);
            }
            includeStack.push(real);
            try {
                return parseText(text, file);
            } finally {
                includeStack.pop();
            }
        }

        List<ConfigNode> parseText(String text, Path file) throws ConfigException {
            Tokenizer tokens = new Tokenizer(text, file);
            List<ConfigNode> nodes = new ArrayList<>();
            parseBody(tokens, file, nodes, null, 0);
            return nodes;
        }

        /** Reads directives until the '}' closing {@code opener} (or the end of the file when opener is null). */
        private void parseBody(Tokenizer tokens, Path file, List<ConfigNode> into, Token opener, int nesting)
                throws ConfigException {
            while (true) {
                Token token = tokens.next();
                switch (token.kind()) {
                    case END:
                        if (opener != null) {
                            throw new ConfigException(file, opener.line(),
                                    "unbalanced braces: block '" + opener.text() + "' is not closed");
                        }
                        return;
                    case CLOSE:
                        if (opener == null) {
                            throw new ConfigException(file, token.line(), "unbalanced braces: unexpected '}'");
                        }
                        return;
                    case SEMICOLON:
                        throw new ConfigException(file, token.line(), "unexpected ';' without a directive");
                    case OPEN:
                        throw new ConfigException(file, token.line(), "unexpected '{' without a directive name");
                    default:
                        parseDirective(tokens, file, token, into, nesting);
                }
            }
        }

        private void parseDirective(Tokenizer tokens, Path file, Token name, List<ConfigNode> into, int nesting)
                throws ConfigException {
            List<String> args = new ArrayList<>();
            while (true) {
                Token token = tokens.next();
                switch (token.kind()) {
                    case WORD:
                        args.add(token.text());
                        break;
                    case SEMICOLON:
                        if (name.text().equals("include")) {
                            into.addAll(include(file, name.line(), args));
                        } else {
                            into.add(new ConfigNode(name.text(), args, List.of(), false, file, name.line()));
                        }
                        return;
                    case OPEN:
                        if (name.text().equals("include")) {
                            throw new ConfigException(file, name.line(), "include does not take a block");
                        }
                        if (nesting + 1 > maxNesting) {
                            throw new ConfigException(file, name.line(),
                                    "blocks nested deeper than " + maxNesting);
                        }
                        List<ConfigNode> children = new ArrayList<>();
                        parseBody(tokens, file, children, name, nesting + 1);
                        into.add(new ConfigNode(name.text(), args, children, true, file, name.line()));
                        return;
                    default:
                        throw new ConfigException(file, name.line(), "missing ';' after '" + name.text() + "'");
                }
            }
        }

        private List<ConfigNode> include(Path file, int line, List<String> args) throws ConfigException {
            if (args.size() != 1) {
                throw new ConfigException(file, line, "include expects exactly one path");
            }
            Path target = Path.of(args.get(0));
            Path dir = file.getParent();
            if (!target.isAbsolute() && dir != null) {
                target = dir.resolve(target).normalize();
            }
            return parseFile(target, file, line);
        }

        private String cycle(Path repeated) {
            List<Path> chain = new ArrayList<>(includeStack);
            Collections.reverse(chain);
            chain.add(repeated);
            return chain.stream().map(p -> String.valueOf(p.getFileName())).collect(Collectors.joining(" -> "));
        }
    }
}
