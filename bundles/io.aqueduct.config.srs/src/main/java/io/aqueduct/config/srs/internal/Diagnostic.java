package io.aqueduct.config.srs.internal;

/** A warning or a rejected line found while translating the file; the message starts with {@code file:line:}. */
record Diagnostic(Severity severity, String message) {

    enum Severity { WARNING, ERROR }

    static Diagnostic warning(String message) {
        return new Diagnostic(Severity.WARNING, message);
    }

    static Diagnostic error(String message) {
        return new Diagnostic(Severity.ERROR, message);
    }

    @Override
    public String toString() {
        return severity + " " + message;
    }
}
