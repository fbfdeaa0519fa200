package io.aqueduct.httpflv.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SRS {@code http_remux mount} such as {@code [vhost]/[app]/[stream].flv}, matched against request paths.
 *
 * <p>The variables {@code [vhost]}, {@code [app]} and {@code [stream]} each match one path segment; the rest is
 * literal. As in SRS, the default vhost's URLs leave the {@code [vhost]/} part out, so {@link #matchWithoutVhost}
 * matches the pattern with that part removed. Immutable and thread-safe.
 */
final class MountPattern {

    /** What a path matched: {@code vhost} is null when the pattern (or the form matched) has no {@code [vhost]}. */
    record Match(String vhost, String app, String stream) {
    }

    private static final String VHOST = "[vhost]";
    private static final String APP = "[app]";
    private static final String STREAM = "[stream]";
    private static final Pattern VARIABLE = Pattern.compile("\\[(vhost|app|stream)]");

    private final String text;
    private final Pattern full;
    private final Pattern withoutVhost;

    private MountPattern(String text, Pattern full, Pattern withoutVhost) {
        this.text = text;
        this.full = full;
        this.withoutVhost = withoutVhost;
    }

    /**
     * Parses a mount. A leading {@code /} is optional.
     *
     * @throws IllegalArgumentException when {@code [app]} or {@code [stream]} is missing or a variable repeats
     */
    static MountPattern parse(String mount) {
        String m = mount.trim();
        if (!m.startsWith("/")) {
            m = "/" + m;
        }
        for (String variable : new String[] {APP, STREAM}) {
            if (!m.contains(variable)) {
                throw new IllegalArgumentException("mount '" + mount + "' lacks " + variable);
            }
        }
        for (String variable : new String[] {VHOST, APP, STREAM}) {
            if (m.indexOf(variable) != m.lastIndexOf(variable)) {
                throw new IllegalArgumentException("mount '" + mount + "' repeats " + variable);
            }
        }
        Pattern withoutVhost = null;
        if (m.contains(VHOST + "/")) {
            withoutVhost = compile(m.replace(VHOST + "/", ""));
        }
        return new MountPattern(m, compile(m), withoutVhost);
    }

    private static Pattern compile(String mount) {
        StringBuilder regex = new StringBuilder();
        Matcher v = VARIABLE.matcher(mount);
        int last = 0;
        while (v.find()) {
            regex.append(Pattern.quote(mount.substring(last, v.start())));
            // Stream names may contain dots, so [stream] is lazy and the literal suffix decides where it ends.
            regex.append("(?<").append(v.group(1)).append(">[^/]+").append(v.group(1).equals("stream") ? "?" : "")
                    .append(')');
            last = v.end();
        }
        regex.append(Pattern.quote(mount.substring(last)));
        return Pattern.compile(regex.toString());
    }

    boolean hasVhost() {
        return text.contains(VHOST);
    }

    /** Matches the whole pattern; {@link Match#vhost()} is set when the pattern has {@code [vhost]}. */
    Optional<Match> match(String path) {
        return match(full, path);
    }

    /** Matches the pattern without its {@code [vhost]/} part, the default vhost's form; empty if it has none. */
    Optional<Match> matchWithoutVhost(String path) {
        return withoutVhost == null ? Optional.empty() : match(withoutVhost, path);
    }

    private Optional<Match> match(Pattern p, String path) {
        Matcher m = p.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String vhost = p.pattern().contains("(?<vhost>") ? m.group("vhost") : null;
        return Optional.of(new Match(vhost, m.group("app"), m.group("stream")));
    }

    @Override
    public String toString() {
        return text;
    }
}
