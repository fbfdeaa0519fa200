package io.aqueduct.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on conditions with deadlines: tests never sleep a fixed time to synchronise. */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} every few milliseconds until it holds, or fails after {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + whatFailed.get());
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    public static void until(Duration timeout, BooleanSupplier condition, String whatFailed) {
        until(timeout, condition, () -> whatFailed);
    }
}
