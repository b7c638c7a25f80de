package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about a process (proc(5)): the CPU time all its threads have used
 * ({@code utime + stime} of {@code /proc/PID/stat}), its resident memory ({@code VmRSS}) and its
 * threads ({@code Threads}, both of {@code /proc/PID/status}). The load reads them before and after
 * its window, so that a server's CPU time per message stands beside its rate.
 *
 * @param cpuNanos  user and system CPU time, in nanoseconds (counted in clock ticks, usually 10 ms)
 * @param rssBytes  resident set size
 * @param threads   number of threads
 */
record ProcessStats(long cpuNanos, long rssBytes, int threads) {

    /** proc(5): the times are in clock ticks, sysconf(_SC_CLK_TCK); 100 on every Linux that bench/run met. */
    static final int DEFAULT_CLOCK_TICKS = 100;

    /** Reads the three of process {@code pid} now. */
    static ProcessStats of(long pid, int clockTicksPerSecond) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        return parse(Files.readString(proc.resolve("stat")), Files.readString(proc.resolve("status")),
                clockTicksPerSecond);
    }

    /** From the texts of {@code stat} and {@code status}. */
    static ProcessStats parse(String stat, String status, int clockTicksPerSecond) {
        // The command name (field 2) is in parentheses and may hold spaces and parentheses itself:
        // the fields after the last ')' are field 3 (state) onwards, so utime (14) is the 12th of them.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
        long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        long cpuNanos = ticks * 1_000_000_000L / clockTicksPerSecond;
        return new ProcessStats(cpuNanos, statusValue(status, "VmRSS") * 1024, (int) statusValue(status, "Threads"));
    }

    private static long statusValue(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("no " + key + " in /proc/PID/status");
    }

    /** What was used between {@code before} and this: the CPU time; memory and threads as they are now. */
    ProcessStats since(ProcessStats before) {
        return new ProcessStats(cpuNanos - before.cpuNanos, rssBytes, threads);
    }
}
