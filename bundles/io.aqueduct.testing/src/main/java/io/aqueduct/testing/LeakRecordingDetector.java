package io.aqueduct.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Netty leak detector that records every leak report so that {@link LeakDetection} can fail the test run.
 * Installed by {@code -Dio.netty.customResourceLeakDetector=io.aqueduct.testing.LeakRecordingDetector}
 * (see the parent pom's test argLine).
 */
public final class LeakRecordingDetector<T> extends ResourceLeakDetector<T> {

    static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    static final List<LeakRecordingDetector<?>> DETECTORS = new CopyOnWriteArrayList<>();

    public LeakRecordingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval);
        DETECTORS.add(this);
    }

    public LeakRecordingDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        DETECTORS.add(this);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add("LEAK: " + resourceType + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add("LEAK: " + resourceType + " (untraced)");
        super.reportUntracedLeak(resourceType);
    }

    /** Makes the detector look at its reference queue now. */
    @SuppressWarnings("unchecked")
    void poll() {
        Object probe = new Object();
        ResourceLeakTracker<T> tracker = track((T) probe);
        if (tracker != null) {
            tracker.close((T) probe);
        }
    }
}
