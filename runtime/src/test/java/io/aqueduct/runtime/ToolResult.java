package io.aqueduct.runtime;

import java.util.List;

/**
 * What an external tool (ffmpeg, ffprobe, rtmpdump, curl) did: its exit code, its merged stdout and stderr, and
 * whether it had to be killed at its deadline.
 *
 * @param command  the command line that ran
 * @param exitCode the process exit code (after a kill: whatever the killed process reported)
 * @param output   stdout and stderr, interleaved as written
 * @param timedOut true when the tool was still running at its deadline and was killed
 */
public record ToolResult(List<String> command, int exitCode, String output, boolean timedOut) {

    /** True when the tool ended by itself with exit code 0. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** A one-paragraph description for assertion messages. */
    public String describe() {
        return String.join(" ", command) + "\n  -> exit " + exitCode + (timedOut ? " (killed at deadline)" : "")
                + "\n" + output;
    }
}
