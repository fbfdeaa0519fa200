package io.aqueduct.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a buffer leak while it ran. Registered for every test class through
 * JUnit's extension auto-detection (this jar's {@code junit-platform.properties} and service file).
 */
public final class LeakDetection implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) in " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }

    /** Runs the GC until leaked buffers are found, and returns (and forgets) what was reported. */
    public static List<String> collect() throws InterruptedException {
        if (!LeakRecordingDetector.DETECTORS.isEmpty()) {
            for (int i = 0; i < 4; i++) {
                System.gc();
                System.runFinalization();
                Thread.onSpinWait();
                for (LeakRecordingDetector<?> d : LeakRecordingDetector.DETECTORS) {
                    d.poll();
                }
            }
        }
        List<String> leaks = new ArrayList<>(LeakRecordingDetector.LEAKS);
        LeakRecordingDetector.LEAKS.clear();
        return leaks;
    }
}
