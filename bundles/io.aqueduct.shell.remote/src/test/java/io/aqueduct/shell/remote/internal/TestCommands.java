package io.aqueduct.shell.remote.internal;

import java.util.List;

/** Gogo functions for the tests: a result, printed output, a failure. */
public final class TestCommands {

    static final List<String> FUNCTIONS = List.of("greet", "say", "fail", "table", "complain", "start");

    public String greet(String name) {
        return "hello " + name;
    }

    /** Prints through System.out, as many Gogo commands do (Gogo's ThreadIO routes it to the session). */
    public void say(String text) {
        System.out.println(text);
    }

    /** Prints to System.err and returns normally, as the profile's {@code e} does with a stack trace. */
    public void complain(String message) {
        System.out.println("trying");
        System.err.println(message);
        System.err.print("partial line");
    }

    /** Returns its failures as text, as Felix's {@code start} does for a bundle it cannot install. */
    public String start(String location) {
        return "java.net.MalformedURLException: no protocol: " + location + "\n";
    }

    public String fail(String message) {
        throw new IllegalArgumentException(message);
    }

    /** A table as a multi-line string without a final newline, as the Aqueduct commands return them. */
    public String table() {
        return "A  B\n1  2";
    }
}
