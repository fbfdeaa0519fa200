package io.aqueduct.bench.matrix;

import io.aqueduct.bench.load.LoadResult;

/**
 * One cell of the matrix: what ran and what it measured.
 *
 * @param writeWindow             the write window in ms: the server's {@code mw_latency}, the raw reference's window
 * @param gcMaxPauseMillis        the server's longest GC pause during the cell (NaN if unknown)
 * @param rawMegabitsPerCpuSecond the raw reference's efficiency for the same players and CPUs (NaN if none)
 * @param error                   why the cell has no result, or {@code null}
 */
record MatrixRow(String media, int writeWindow, String protocol, int players, String serverCpus,
        LoadResult result, double rawMegabitsPerCpuSecond, double gcMaxPauseMillis, String error) {

    /** Our delivered megabits per server CPU-second divided by the raw reference's. */
    double ratioToRaw() {
        return result == null ? Double.NaN : result.megabitsPerCpuSecond() / rawMegabitsPerCpuSecond;
    }
}
