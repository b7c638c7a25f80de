package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * What a measured window cost: the server's CPU time (when its process id is known), the load
 * generator's own, and the bytes on the wire both ways. Started at the window's start, stopped at
 * its end.
 */
final class Usage {

    private final long serverPid;
    private final int clockTicks;
    private final ProcessStats serverBefore;
    private final ProcessStats loadBefore;
    private final long bytesBefore;
    private final long startNanos;

    private Usage(long serverPid, int clockTicks, ProcessStats serverBefore, ProcessStats loadBefore, long bytesBefore) {
        this.serverPid = serverPid;
        this.clockTicks = clockTicks;
        this.serverBefore = serverBefore;
        this.loadBefore = loadBefore;
        this.bytesBefore = bytesBefore;
        this.startNanos = System.nanoTime();
    }

    static Usage start(long serverPid, int clockTicks, LoadLoop loop) {
        return new Usage(serverPid, clockTicks, serverPid > 0 ? read(serverPid, clockTicks) : null,
                read(ProcessHandle.current().pid(), clockTicks), loop.socketBytes());
    }

    Used stop(LoadLoop loop) {
        long elapsed = System.nanoTime() - startNanos;
        ProcessStats server = serverBefore == null ? null : read(serverPid, clockTicks).since(serverBefore);
        ProcessStats load = read(ProcessHandle.current().pid(), clockTicks).since(loadBefore);
        return new Used(elapsed, server, load.cpuNanos(), loop.socketBytes() - bytesBefore);
    }

    private static ProcessStats read(long pid, int clockTicks) {
        try {
            return ProcessStats.of(pid, clockTicks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + " (is it running, on Linux?)", e);
        }
    }

    /**
     * @param server the server's CPU time over the window, and its memory and threads at the end; null if unknown
     */
    record Used(long elapsedNanos, ProcessStats server, long loadCpuNanos, long wireBytes) {

        void print(PrintStream out, long messages) {
            if (server != null) {
                out.printf("server: %.2f µs of CPU per echo, %.0f %% of a core; %d MiB resident, %d threads%n",
                        cpuMicrosPer(server.cpuNanos(), messages), percent(server.cpuNanos()),
                        server.rssBytes() >> 20, server.threads());
            }
            out.printf("generator: %.0f %% of a core; %.0f bytes on the wire per echo, both ways%n",
                    percent(loadCpuNanos), messages == 0 ? 0.0 : (double) wireBytes / messages);
        }

        /** The RESULT fields: server_cpu_us (per message), server_cpu_pct, server_rss_kib, server_threads, load_cpu_pct, wire_bytes (per message). */
        String fields(long messages) {
            String serverFields = server == null ? "server_cpu_us=- server_cpu_pct=- server_rss_kib=- server_threads=-"
                    : String.format(java.util.Locale.ROOT, "server_cpu_us=%.2f server_cpu_pct=%.0f server_rss_kib=%d server_threads=%d",
                    cpuMicrosPer(server.cpuNanos(), messages), percent(server.cpuNanos()), server.rssBytes() >> 10,
                    server.threads());
            return serverFields + String.format(java.util.Locale.ROOT, " load_cpu_pct=%.0f wire_bytes=%.0f",
                    percent(loadCpuNanos), messages == 0 ? 0.0 : (double) wireBytes / messages);
        }

        private static double cpuMicrosPer(long cpuNanos, long messages) {
            return messages == 0 ? 0.0 : cpuNanos / 1e3 / messages;
        }

        private double percent(long cpuNanos) {
            return 100.0 * cpuNanos / elapsedNanos;
        }
    }
}
