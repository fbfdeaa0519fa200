package io.aqueduct.config.srs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can be malformed, each reported as {@code file:line: what}. */
class SrsConfigParserErrorTest {

    private final SrsConfigParser parser = new SrsConfigParser();

    private ConfigException failure(String text) {
        return assertThrows(ConfigException.class, () -> parser.parse(text, Path.of("bad.conf")));
    }

    @Test
    void unclosedBlockIsReportedAtItsOpeningLine() {
        ConfigException e = failure("listen 1935;\nvhost a {\n  play {\n  }\n");

        assertEquals("bad.conf:2: unbalanced braces: block 'vhost' is not closed", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(Path.of("bad.conf"), e.file());
    }

    @Test
    void extraClosingBrace() {
        assertEquals("bad.conf:3: unbalanced braces: unexpected '}'",
                failure("vhost a {\n}\n}\n").getMessage());
    }

    @Test
    void missingSemicolonBeforeClosingBrace() {
        assertEquals("bad.conf:2: missing ';' after 'enabled'",
                failure("forward {\n enabled on\n}\n").getMessage());
    }

    @Test
    void missingSemicolonAtEndOfFile() {
        assertEquals("bad.conf:1: missing ';' after 'listen'", failure("listen 1935").getMessage());
    }

    @Test
    void unterminatedQuoteIsReportedWhereItOpened() {
        assertEquals("bad.conf:2: unterminated quote \"", failure("a b;\nc \"d;\n e;\n").getMessage());
        assertEquals("bad.conf:1: unterminated quote '", failure("c 'd;").getMessage());
    }

    @Test
    void garbageAfterClosingQuote() {
        assertEquals("bad.conf:1: unexpected 'x' after closing quote \"", failure("a \"b\"x;").getMessage());
    }

    @Test
    void semicolonOrBraceWithoutDirective() {
        assertEquals("bad.conf:2: unexpected ';' without a directive", failure("a;\n;").getMessage());
        assertEquals("bad.conf:1: unexpected '{' without a directive name", failure("{ a; }").getMessage());
    }

    @Test
    void nestingTooDeep() {
        SrsConfigParser shallow = new SrsConfigParser(1024, 8, 2);

        ConfigException e = assertThrows(ConfigException.class,
                () -> shallow.parse("a {\n b {\n  c {\n  }\n }\n}\n", Path.of("deep.conf")));

        assertEquals("deep.conf:3: blocks nested deeper than 2", e.getMessage());
    }

    @Test
    void fileTooLarge(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.conf");
        Files.writeString(file, "listen 1935;\n".repeat(10));
        SrsConfigParser small = new SrsConfigParser(64, 8, 16);

        ConfigException e = assertThrows(ConfigException.class, () -> small.parse(file));

        assertEquals(file + ": file too large: 130 bytes (max 64)", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void textTooLarge() {
        SrsConfigParser small = new SrsConfigParser(8, 8, 16);

        assertThrows(ConfigException.class, () -> small.parse("listen 1935;", Path.of("a.conf")));
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("none.conf");

        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(file));

        assertEquals(file + ": cannot read: no such file", e.getMessage());
    }

    @Test
    void directoryInsteadOfFile(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(dir));

        assertEquals(dir + ": cannot read: is a directory", e.getMessage());
    }
}
