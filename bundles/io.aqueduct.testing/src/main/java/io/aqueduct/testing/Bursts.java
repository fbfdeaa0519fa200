package io.aqueduct.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Groups arrival times into bursts: runs of arrivals less than a gap apart. Tests of merged writes use it to tell
 * messages written together from messages written one by one.
 */
public final class Bursts {

    private Bursts() {
    }

    /** The sizes of the runs of arrivals (nanosecond times, in order) less than {@code gapMillis} apart. */
    public static List<Integer> sizes(long[] arrivalNanos, long gapMillis) {
        List<Integer> sizes = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < arrivalNanos.length; i++) {
            if (i > 0 && arrivalNanos[i] - arrivalNanos[i - 1] >= TimeUnit.MILLISECONDS.toNanos(gapMillis)) {
                sizes.add(size);
                size = 0;
            }
            size++;
        }
        if (size > 0) {
            sizes.add(size);
        }
        return sizes;
    }

    /** At most one burst per window over {@code durationMillis}, plus slack for the first write and the edges. */
    public static int bound(long durationMillis, long windowMillis) {
        return (int) (durationMillis / windowMillis) + 3;
    }

    /** Each burst as "size@ms since {@code startNanos}", for failure messages. */
    public static String describe(long[] arrivalNanos, long startNanos, long gapMillis) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        for (int size : sizes(arrivalNanos, gapMillis)) {
            s.append(size).append('@').append(TimeUnit.NANOSECONDS.toMillis(arrivalNanos[i] - startNanos)).append(' ');
            i += size;
        }
        return s.toString().trim();
    }
}
