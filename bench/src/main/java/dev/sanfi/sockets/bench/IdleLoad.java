package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Idle capacity: N connections opened (a few at a time, {@link LoadLoop#MAX_OPENING}) and held
 * without a message, the server's resident memory and threads read from /proc before and after, so
 * that what one idle connection costs is (after - before) / N; then a few seconds of echoes on a
 * hundred of them (so that the server meets the round with its code compiled, as a server that has
 * been running would), and one round in which every connection sends one message, spread over a
 * second, to show that every one of them is still served, and how promptly. The server's Pings are
 * answered meanwhile, as any client would.
 */
final class IdleLoad implements LoadLoop.Driver {

    /**
     * @param holdSeconds  how long the connections stay idle before the memory is read
     * @param roundSeconds the round of one echo per connection is spread over this long
     */
    record Settings(URI server, LoadLoop.Options options, int connections, int holdSeconds, int warmupSeconds,
                    double roundSeconds, long serverPid, int clockTicks) {
        Settings {
            if (connections < 1 || holdSeconds < 0 || warmupSeconds < 0 || roundSeconds <= 0 || serverPid <= 0) {
                throw new IllegalArgumentException(
                        "need connections >= 1, hold >= 0, warm-up >= 0, round > 0, and the server's pid");
            }
        }
    }

    /** Connections that echo during the warm-up, one message in flight each. */
    static final int WARMING_CONNECTIONS = 100;

    private static final long OPEN_TIMEOUT = TimeUnit.SECONDS.toNanos(120);
    private static final long ECHO_TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    private final Settings settings;
    private final EchoMessage message = new EchoMessage(Wire.TEXT, 32);
    private final Latencies latencies = new Latencies();
    private LoadLoop loop;
    private boolean warming;
    private boolean sending;
    private long roundStart;
    private int sent;
    private int echoed;
    private int errors;

    IdleLoad(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void opened(Connection connection, long now) {
    }

    @Override
    public void message(Connection connection, int opcode, byte[] array, int offset, int length, long now) {
        boolean right = message.matches(opcode, array, offset, length)
                && EchoMessage.sequence(array, offset) == connection.expectedSequence;
        connection.expectedSequence++;
        if (!right) {
            errors++;
        } else if (sending) {
            latencies.add(now - EchoMessage.sentAt(array, offset));
            connection.counted++;
            echoed++;
        }
        if (warming) {
            send(connection, now);
        }
    }

    private void send(Connection connection, long dueAt) {
        loop.send(connection, message.opcode(), message.with(connection.nextSequence++, dueAt), message.size());
    }

    @Override
    public void tick(long now) {
        if (!sending) {
            return;
        }
        double nanosBetween = settings.roundSeconds() * 1e9 / settings.connections();
        List<Connection> connections = loop.connections();
        while (sent < connections.size()) {
            long due = roundStart + (long) (sent * nanosBetween);
            if (due - now > 0) {
                return;
            }
            send(connections.get(sent), due);
            sent++;
        }
    }

    @Override
    public long nextDue(long now) {
        return sending && sent < loop.connections().size()
                ? roundStart + (long) (sent * settings.roundSeconds() * 1e9 / settings.connections())
                : now + LoadLoop.MAX_WAIT_NANOS;
    }

    Result run(PrintStream log) throws IOException {
        ProcessStats before = ProcessStats.of(settings.serverPid(), settings.clockTicks());
        try (LoadLoop loop = new LoadLoop(settings.server(), settings.options(), this)) {
            this.loop = loop;
            String target = settings.server().getRawPath().isEmpty() ? "/" : settings.server().getRawPath();
            long openStart = System.nanoTime();
            loop.open(settings.connections(), i -> target);
            loop.runUntil(openStart + OPEN_TIMEOUT,
                    () -> loop.openCount() + loop.failedCount() == settings.connections());
            long openNanos = System.nanoTime() - openStart;
            int opened = loop.openCount();
            log.printf("%d of %d connections open in %.1f s; idle for %d s%n", opened, settings.connections(),
                    openNanos / 1e9, settings.holdSeconds());
            loop.runUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.holdSeconds()), () -> false);
            ProcessStats after = ProcessStats.of(settings.serverPid(), settings.clockTicks());
            int held = loop.openCount();

            warming = true;
            long now = System.nanoTime();
            loop.connections().stream().limit(WARMING_CONNECTIONS).forEach(c -> send(c, now));
            loop.runUntil(now + TimeUnit.SECONDS.toNanos(settings.warmupSeconds()), () -> false);
            warming = false;
            loop.runUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(2),
                    () -> loop.connections().stream().allMatch(c -> c.expectedSequence == c.nextSequence));

            sending = true;
            roundStart = System.nanoTime();
            loop.runUntil(roundStart + (long) (settings.roundSeconds() * 1e9) + ECHO_TIMEOUT,
                    () -> sent == loop.connections().size() && echoed + errors >= held);
            int lost = loop.failedCount();
            List<String> failures = List.copyOf(loop.failures());
            loop.closeAll(TimeUnit.SECONDS.toNanos(5));
            return new Result(settings, opened, held, openNanos, before, after, echoed, latencies,
                    Math.max(errors, held - echoed), lost, failures);
        }
    }

    record Result(Settings settings, int opened, int held, long openNanos, ProcessStats before, ProcessStats after,
                  int echoed, Latencies latencies, int errors, int lost, List<String> failures) {

        double kibPerConnection() {
            return held == 0 ? 0 : (after.rssBytes() - before.rssBytes()) / 1024.0 / held;
        }

        double threadsPerConnection() {
            return held == 0 ? 0 : (double) (after.threads() - before.threads()) / held;
        }

        void print(PrintStream out) {
            out.printf("held %d of %d idle connections; server %d -> %d MiB resident (%.1f KiB per connection),"
                            + " %d -> %d threads (%.3f per connection)%n",
                    held, settings.connections(), before.rssBytes() >> 20, after.rssBytes() >> 20, kibPerConnection(),
                    before.threads(), after.threads(), threadsPerConnection());
            out.printf("one echo on each: %d came back; p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", echoed,
                    EchoLoad.ms(latencies.percentile(50)), EchoLoad.ms(latencies.percentile(99)),
                    EchoLoad.ms(latencies.max()));
            out.printf("errors: %d wrong or missing echoes, %d connections lost%n", errors, lost);
            failures.stream().limit(5).forEach(f -> out.println("  " + f));
            out.printf(java.util.Locale.ROOT, "RESULT load=idle connections=%d held=%d open_s=%.1f rss_before_kib=%d"
                            + " rss_after_kib=%d kib_per_conn=%.1f threads_before=%d threads_after=%d"
                            + " threads_per_conn=%.3f echoed=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d lost=%d%n",
                    settings.connections(), held, openNanos / 1e9, before.rssBytes() >> 10, after.rssBytes() >> 10,
                    kibPerConnection(), before.threads(), after.threads(), threadsPerConnection(), echoed,
                    EchoLoad.ms(latencies.percentile(50)), EchoLoad.ms(latencies.percentile(99)),
                    EchoLoad.ms(latencies.max()), errors, lost);
        }
    }
}
