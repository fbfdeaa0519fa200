package io.aqueduct.runtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Repeats a client action that fails while a server is not ready yet (a player started before the publisher, a
 * socket not yet bound), until it succeeds or a deadline passes. Each attempt is itself bounded (the media tools
 * time out), so the loop needs no sleeps.
 */
public final class Retry {

    private Retry() {
    }

    /**
     * Runs {@code attempt} until it returns without an {@link AssertionError}; gives up at {@code timeout} or as
     * soon as {@code stillWorthIt} turns false (e.g. the server process died).
     *
     * @throws AssertionError the last attempt's failure, with {@code context} appended
     */
    public static <T> T until(Duration timeout, BooleanSupplier stillWorthIt, Supplier<T> attempt,
            Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (AssertionError failure) {
                if (!stillWorthIt.getAsBoolean() || System.nanoTime() - deadline > 0) {
                    throw new AssertionError(failure.getMessage() + "\n" + context.get(), failure);
                }
            }
        }
    }
}
