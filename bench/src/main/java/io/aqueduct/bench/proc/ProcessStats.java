package io.aqueduct.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and resident memory of a Linux process, from {@code /proc/<pid>/stat} (utime + stime, fields 14 and 15)
 * and {@code /proc/<pid>/status} (VmRSS). The CPU figure covers every thread of the process.
 */
public final class ProcessStats {

    private static final long TICKS_PER_SECOND = clockTicks();

    private final long pid;

    public ProcessStats(long pid) {
        this.pid = pid;
    }

    public static ProcessStats self() {
        return new ProcessStats(ProcessHandle.current().pid());
    }

    public long pid() {
        return pid;
    }

    /** utime + stime so far, in seconds. */
    public double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may contain spaces and parentheses: fields are counted after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return (utime + stime) / (double) TICKS_PER_SECOND;
    }

    /** Resident set size in kilobytes. */
    public long rssKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // Fall through to the value of every mainstream Linux build.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
