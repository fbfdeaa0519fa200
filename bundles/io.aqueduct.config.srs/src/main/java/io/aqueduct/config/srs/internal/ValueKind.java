package io.aqueduct.config.srs.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How the arguments of one directive become a typed Configuration Admin property value (Integer, Boolean, String
 * or String[]). The factories below cover every kind the schema needs.
 */
@FunctionalInterface
interface ValueKind {

    /**
     * @param args    the directive's arguments; may be empty only when a list kind parses its default
     * @param workDir the directory relative paths are resolved against
     */
    Object parse(List<String> args, Path workDir) throws InvalidValueException;

    /** One integer between min and max inclusive, as {@link Integer}. */
    static ValueKind integer(int min, int max) {
        return (args, workDir) -> {
            String text = single(args);
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("'" + text + "' is not a number");
            }
            if (value < min || value > max) {
                throw new InvalidValueException(value + " is out of range " + min + ".." + max);
            }
            return value;
        };
    }

    /** {@code on} or {@code off} (also {@code true}/{@code false}), as {@link Boolean}. */
    static ValueKind flag() {
        return (args, workDir) -> {
            String text = single(args);
            switch (text) {
                case "on":
                case "true":
                    return Boolean.TRUE;
                case "off":
                case "false":
                    return Boolean.FALSE;
                default:
                    throw new InvalidValueException("'" + text + "' is not on or off");
            }
        };
    }

    /** One of a fixed set of words, as {@link String}. */
    static ValueKind oneOf(String... allowed) {
        Set<String> values = Set.of(allowed);
        return (args, workDir) -> {
            String text = single(args);
            if (!values.contains(text)) {
                throw new InvalidValueException("'" + text + "' is not one of " + String.join("|", allowed));
            }
            return text;
        };
    }

    /** Any single word, as {@link String}. */
    static ValueKind text() {
        return (args, workDir) -> single(args);
    }

    /** A file system path resolved against the working directory, as an absolute {@link String}. */
    static ValueKind path() {
        return (args, workDir) -> workDir.resolve(single(args)).normalize().toString();
    }

    /** One or more listen addresses: {@code port}, {@code host:port} or {@code [ipv6]:port}, as String[]. */
    static ValueKind listenAddresses() {
        return (args, workDir) -> {
            for (String arg : args) {
                Endpoints.checkListen(arg);
            }
            return args.toArray(new String[0]);
        };
    }

    /** One or more servers: {@code host}, {@code host:port} or {@code [ipv6]:port}, as String[]. */
    static ValueKind servers() {
        return (args, workDir) -> {
            for (String arg : args) {
                Endpoints.checkServer(arg);
            }
            return args.toArray(new String[0]);
        };
    }

    /** Forward destinations: {@code host[:port]} or an {@code rtmp://host[:port]/app/stream} URL template. */
    static ValueKind destinations() {
        return (args, workDir) -> {
            for (String arg : args) {
                if (arg.startsWith("rtmp://")) {
                    Endpoints.checkRtmpUrl(arg);
                } else {
                    Endpoints.checkServer(arg);
                }
            }
            return args.toArray(new String[0]);
        };
    }

    private static String single(List<String> args) throws InvalidValueException {
        if (args.size() != 1) {
            throw new InvalidValueException("expects one value, got " + args.size());
        }
        return args.get(0);
    }
}
