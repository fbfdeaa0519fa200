package io.aqueduct.config.srs.internal;

import java.util.List;

/**
 * One row of the schema: a directive allowed in a section and what becomes of it.
 *
 * @param section     where it may appear
 * @param name        its name in the file
 * @param role        a value, a block, quietly ignored, or unsupported (ignored with a warning)
 * @param target      for values: the configuration it goes to
 * @param key         for values: the property key
 * @param kind        for values: how its arguments are parsed
 * @param defaultArgs for values: the default, written as in the file (parsed by {@code kind}); null for none
 * @param opens       for blocks: the section of its children
 */
record Directive(Section section, String name, Role role, Target target, String key, ValueKind kind,
        List<String> defaultArgs, Section opens) {

    enum Role { VALUE, BLOCK, IGNORED, UNSUPPORTED }

    static Directive value(Section section, String name, Target target, String key, ValueKind kind,
            String... defaultArgs) {
        return new Directive(section, name, Role.VALUE, target, key, kind, List.of(defaultArgs), null);
    }

    static Directive valueWithoutDefault(Section section, String name, Target target, String key, ValueKind kind) {
        return new Directive(section, name, Role.VALUE, target, key, kind, null, null);
    }

    static Directive block(Section section, String name, Section opens) {
        return new Directive(section, name, Role.BLOCK, null, null, null, null, opens);
    }

    static Directive ignored(Section section, String name) {
        return new Directive(section, name, Role.IGNORED, null, null, null, null, null);
    }

    static Directive unsupported(Section section, String name) {
        return new Directive(section, name, Role.UNSUPPORTED, null, null, null, null, null);
    }
}
