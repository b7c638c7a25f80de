package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * N connections echoing messages of one kind (text or binary) and size, in one of two ways:
 * <ul>
 *   <li><em>unpaced</em>: each connection keeps K messages in flight, every echo answered by the
 *       next message, so the server runs as fast as it can (echoes a second);</li>
 *   <li><em>paced</em>: each connection sends R messages a second on a fixed schedule whatever comes
 *       back, so the load is the same for every server and what differs is the latency.</li>
 * </ul>
 * Every echo is checked ({@link EchoMessage}: same opcode, size and filler, the next sequence
 * number of its connection) and timed from the time its message was due, not from when the
 * generator got round to sending it, so a generator that falls behind cannot hide a server's delay.
 * Warm-up first, then the measured window, then Close 1000 on every connection. With the server's
 * process id, its CPU time over the window is read from /proc ({@link ProcessStats}).
 */
final class EchoLoad implements LoadLoop.Driver {

    /**
     * @param ratePerConnection messages a second per connection; 0 for unpaced
     * @param serverPid         the server's process id, for its CPU time; 0 for none
     */
    record Settings(URI server, LoadLoop.Options options, int connections, int inFlight, int opcode, int size,
                    double ratePerConnection, int warmupSeconds, int seconds, long serverPid, int clockTicks) {
        Settings {
            if (connections < 1 || inFlight < 1 || size < EchoMessage.HEADER || size > LoadLoop.MAX_MESSAGE_BYTES
                    || ratePerConnection < 0 || warmupSeconds < 0 || seconds < 1) {
                throw new IllegalArgumentException("need connections >= 1, in-flight >= 1, " + EchoMessage.HEADER
                        + " <= size <= " + LoadLoop.MAX_MESSAGE_BYTES + ", rate >= 0, warm-up >= 0, duration >= 1");
            }
        }

        boolean paced() {
            return ratePerConnection > 0;
        }
    }

    private static final long CONNECT_TIMEOUT = TimeUnit.SECONDS.toNanos(30);
    private static final long DRAIN = TimeUnit.SECONDS.toNanos(3);

    private final Settings settings;
    private final EchoMessage message;
    private final Latencies latencies = new Latencies();
    private LoadLoop loop;
    private boolean sending;
    private boolean recording;
    private long echoes;
    private long errors;
    private long outstanding;
    /** Paced: when the schedule started, and how many of its sends are done (send k goes to connection k mod N). */
    private long scheduleStart;
    private long scheduled;
    private double nanosBetweenSends;

    EchoLoad(Settings settings) {
        this.settings = settings;
        this.message = new EchoMessage(settings.opcode(), settings.size());
    }

    @Override
    public void opened(Connection connection, long now) {
    }

    private void send(Connection connection, long dueAt) {
        long sequence = connection.nextSequence++;
        loop.send(connection, message.opcode(), message.with(sequence, dueAt), message.size());
        outstanding++;
    }

    @Override
    public void message(Connection connection, int opcode, byte[] array, int offset, int length, long now) {
        outstanding--;
        if (!message.matches(opcode, array, offset, length)
                || EchoMessage.sequence(array, offset) != connection.expectedSequence) {
            errors++;
        } else if (recording) {
            latencies.add(now - EchoMessage.sentAt(array, offset));
            connection.counted++;
            echoes++;
        }
        connection.expectedSequence++;
        if (sending && !settings.paced()) {
            send(connection, now);
        }
    }

    @Override
    public void tick(long now) {
        if (!sending || !settings.paced()) {
            return;
        }
        List<Connection> connections = loop.connections();
        while (true) {
            long due = scheduleStart + (long) (scheduled * nanosBetweenSends);
            if (due - now > 0) {
                return;
            }
            send(connections.get((int) (scheduled % connections.size())), due);
            scheduled++;
        }
    }

    @Override
    public long nextDue(long now) {
        return sending && settings.paced() ? scheduleStart + (long) (scheduled * nanosBetweenSends)
                : now + LoadLoop.MAX_WAIT_NANOS;
    }

    Result run(PrintStream log) throws IOException {
        try (LoadLoop loop = new LoadLoop(settings.server(), settings.options(), this)) {
            this.loop = loop;
            String target = settings.server().getRawPath().isEmpty() ? "/" : settings.server().getRawPath();
            loop.open(settings.connections(), i -> target);
            loop.runUntil(System.nanoTime() + CONNECT_TIMEOUT,
                    () -> loop.openCount() + loop.failedCount() == settings.connections());
            if (loop.openCount() != settings.connections()) {
                throw new IOException(loop.openCount() + " of " + settings.connections() + " connections opened; "
                        + String.join("; ", loop.failures().subList(0, Math.min(3, loop.failures().size()))));
            }
            log.printf("%d connections open; warm-up %d s%n", settings.connections(), settings.warmupSeconds());

            sending = true;
            long now = System.nanoTime();
            if (settings.paced()) {
                scheduleStart = now;
                nanosBetweenSends = 1e9 / (settings.ratePerConnection() * settings.connections());
            } else {
                for (Connection connection : loop.connections()) {
                    for (int i = 0; i < settings.inFlight(); i++) {
                        send(connection, now);
                    }
                }
            }
            loop.runUntil(now + TimeUnit.SECONDS.toNanos(settings.warmupSeconds()), () -> false);

            Usage usage = Usage.start(settings.serverPid(), settings.clockTicks(), loop);
            recording = true;
            long start = System.nanoTime();
            loop.runUntil(start + TimeUnit.SECONDS.toNanos(settings.seconds()), () -> false);
            long elapsed = System.nanoTime() - start;
            recording = false;
            Usage.Used used = usage.stop(loop);
            sending = false;

            loop.runUntil(System.nanoTime() + DRAIN, () -> outstanding == 0);
            long minimum = Long.MAX_VALUE;
            long maximum = 0;
            for (Connection connection : loop.connections()) {
                minimum = Math.min(minimum, connection.counted);
                maximum = Math.max(maximum, connection.counted);
            }
            int lost = loop.failedCount();
            List<String> failures = List.copyOf(loop.failures());
            loop.closeAll(TimeUnit.SECONDS.toNanos(3));
            return new Result(settings, echoes, elapsed, latencies, minimum, maximum, errors + outstanding, lost,
                    failures, used);
        }
    }

    record Result(Settings settings, long echoes, long elapsedNanos, Latencies latencies, long minPerConnection,
                  long maxPerConnection, long errors, int lostConnections, List<String> failures, Usage.Used used) {

        double perSecond() {
            return echoes * 1e9 / elapsedNanos;
        }

        void print(PrintStream out) {
            out.printf("echoes: %d in %.2f s = %.0f/s%n", echoes, elapsedNanos / 1e9, perSecond());
            out.printf("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n",
                    ms(latencies.percentile(50)), ms(latencies.percentile(99)), ms(latencies.max()),
                    latencies.count());
            out.printf("fairness: echoes per connection min %d, max %d%n", minPerConnection, maxPerConnection);
            used.print(out, echoes);
            out.printf("errors: %d wrong or missing echoes, %d connections lost%n", errors, lostConnections);
            failures.stream().limit(5).forEach(f -> out.println("  " + f));
            out.printf("RESULT load=echo type=%s size=%d connections=%d in_flight=%s rate=%s"
                            + " echoes_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f min_conn=%d max_conn=%d"
                            + " %s errors=%d lost=%d%n",
                    settings.opcode() == Wire.TEXT ? "text" : "binary", settings.size(), settings.connections(),
                    settings.paced() ? "-" : Integer.toString(settings.inFlight()),
                    settings.paced() ? trim(settings.ratePerConnection()) : "-",
                    perSecond(), ms(latencies.percentile(50)), ms(latencies.percentile(99)), ms(latencies.max()),
                    minPerConnection, maxPerConnection, used.fields(echoes), errors, lostConnections);
        }
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
