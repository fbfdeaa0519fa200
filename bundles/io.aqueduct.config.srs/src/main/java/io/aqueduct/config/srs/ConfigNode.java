package io.aqueduct.config.srs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One directive of an SRS-style configuration file: {@code name arg1 arg2;} or a block
 * {@code name args { children }}. The root of a parsed file is a block with an empty name and line 0 whose
 * children are the top-level directives. Directives pulled in by {@code include} appear in place of the include,
 * keeping the file and line where they were written.
 *
 * <p>Immutable and therefore safe to share between threads.
 */
public final class ConfigNode {

    private final String name;
    private final List<String> args;
    private final List<ConfigNode> children;
    private final boolean block;
    private final Path file;
    private final int line;

    /**
     * @param name     the directive name (the first word)
     * @param args     the following words, unquoted
     * @param children the directives inside the block; empty for a simple directive
     * @param block    whether the directive was written with braces (an empty block {@code {}} is still a block)
     * @param file     the file it was read from
     * @param line     the 1-based line of its name
     */
    public ConfigNode(String name, List<String> args, List<ConfigNode> children, boolean block, Path file,
            int line) {
        this.name = name;
        this.args = List.copyOf(args);
        this.children = List.copyOf(children);
        this.block = block;
        this.file = file;
        this.line = line;
    }

    public String name() {
        return name;
    }

    /** The arguments after the name, quotes removed and escapes resolved. */
    public List<String> args() {
        return args;
    }

    /** The directives inside this block, in file order; empty for a simple directive. */
    public List<ConfigNode> children() {
        return children;
    }

    /** The children with the given name, in file order. */
    public List<ConfigNode> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).collect(Collectors.toList());
    }

    /** The first child with the given name (SRS semantics: the first occurrence wins). */
    public Optional<ConfigNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** Whether the directive has a {@code { ... }} block. */
    public boolean isBlock() {
        return block;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** {@code file:line}, the prefix of every message about this directive. */
    public String location() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        args.forEach(a -> out.append(' ').append(a));
        if (block) {
            out.append(" { ");
            children.forEach(c -> out.append(c).append(' '));
            out.append('}');
        } else {
            out.append(';');
        }
        return out.toString();
    }
}
