package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * N connections, each keeping K binary messages of S bytes in flight: every echo that comes back is
 * timed and answered by the next message. The first 8 bytes of a message are its sequence number on
 * its connection, so an echo that is not the next one expected (lost, reordered, altered) is counted
 * as an error. Warm-up first, then the measured window, then Close 1000 on every connection.
 */
final class EchoLoad implements LoadLoop.Driver {

    record Settings(URI server, int connections, int inFlight, int size, int warmupSeconds, int seconds) {
        Settings {
            if (connections < 1 || inFlight < 1 || size < 8 || size > 125 || warmupSeconds < 0 || seconds < 1) {
                throw new IllegalArgumentException(
                        "need connections >= 1, in-flight >= 1, 8 <= size <= 125, warm-up >= 0, duration >= 1");
            }
        }
    }

    private static final long CONNECT_TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN = TimeUnit.SECONDS.toNanos(2);

    private final Settings settings;
    private final byte[] message;
    private final Latencies latencies = new Latencies();
    private LoadLoop loop;
    private boolean sending;
    private boolean recording;
    private long echoes;
    private long errors;
    private long outstanding;

    EchoLoad(Settings settings) {
        this.settings = settings;
        this.message = new byte[settings.size()];
        for (int i = 8; i < message.length; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
    }

    @Override
    public void opened(Connection connection, long now) {
        connection.sentAt = new long[settings.inFlight()];
    }

    private void sendNext(Connection connection, long now) {
        long sequence = connection.nextSequence++;
        for (int i = 0; i < 8; i++) {
            message[i] = (byte) (sequence >>> (56 - 8 * i));
        }
        connection.sentAt[(int) (sequence % settings.inFlight())] = now;
        loop.send(connection, Wire.BINARY, message, message.length);
        outstanding++;
    }

    @Override
    public void message(Connection connection, int opcode, byte[] array, int offset, int length, long now) {
        outstanding--;
        long sequence = 0;
        if (length == settings.size()) {
            for (int i = 0; i < 8; i++) {
                sequence = (sequence << 8) | (array[offset + i] & 0xFF);
            }
        }
        if (opcode != Wire.BINARY || length != settings.size() || sequence != connection.expectedSequence) {
            errors++;
            sequence = connection.expectedSequence;
        }
        connection.expectedSequence = sequence + 1;
        if (recording) {
            latencies.add(now - connection.sentAt[(int) (sequence % settings.inFlight())]);
            connection.counted++;
            echoes++;
        }
        if (sending) {
            sendNext(connection, now);
        }
    }

    Result run(PrintStream log) throws IOException {
        try (LoadLoop loop = new LoadLoop(settings.server(), this)) {
            this.loop = loop;
            String target = settings.server().getRawPath().isEmpty() ? "/" : settings.server().getRawPath();
            for (int i = 0; i < settings.connections(); i++) {
                loop.connect(target);
            }
            loop.runUntil(System.nanoTime() + CONNECT_TIMEOUT,
                    () -> loop.openCount() + loop.failedCount() == settings.connections());
            if (loop.openCount() != settings.connections()) {
                throw new IOException(loop.openCount() + " of " + settings.connections() + " connections opened; "
                        + String.join("; ", loop.failures().subList(0, Math.min(3, loop.failures().size()))));
            }
            log.printf("%d connections open; warm-up %d s%n", settings.connections(), settings.warmupSeconds());

            sending = true;
            long now = System.nanoTime();
            for (Connection connection : loop.connections()) {
                for (int i = 0; i < settings.inFlight(); i++) {
                    sendNext(connection, now);
                }
            }
            loop.runUntil(now + TimeUnit.SECONDS.toNanos(settings.warmupSeconds()), () -> false);

            recording = true;
            long start = System.nanoTime();
            loop.runUntil(start + TimeUnit.SECONDS.toNanos(settings.seconds()), () -> false);
            long elapsed = System.nanoTime() - start;
            recording = false;
            sending = false;

            loop.runUntil(System.nanoTime() + DRAIN, () -> outstanding == 0);
            long minimum = Long.MAX_VALUE;
            long maximum = 0;
            for (Connection connection : loop.connections()) {
                minimum = Math.min(minimum, connection.counted);
                maximum = Math.max(maximum, connection.counted);
            }
            int lost = loop.failedCount();
            loop.closeAll(TimeUnit.SECONDS.toNanos(3));
            return new Result(echoes, elapsed, latencies, minimum, maximum, errors + outstanding, lost,
                    loop.failures());
        }
    }

    record Result(long echoes, long elapsedNanos, Latencies latencies, long minPerConnection, long maxPerConnection,
                  long errors, int lostConnections, java.util.List<String> failures) {

        double perSecond() {
            return echoes * 1e9 / elapsedNanos;
        }

        void print(PrintStream out) {
            out.printf("echoes: %d in %.2f s = %.0f/s%n", echoes, elapsedNanos / 1e9, perSecond());
            out.printf("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n",
                    ms(latencies.percentile(50)), ms(latencies.percentile(99)), ms(latencies.max()),
                    latencies.count());
            out.printf("fairness: echoes per connection min %d, max %d%n", minPerConnection, maxPerConnection);
            out.printf("errors: %d wrong or missing echoes, %d connections lost%n", errors, lostConnections);
            failures.stream().limit(5).forEach(f -> out.println("  " + f));
            out.printf("RESULT echoes_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f min_conn=%d max_conn=%d"
                            + " errors=%d lost=%d%n",
                    perSecond(), ms(latencies.percentile(50)), ms(latencies.percentile(99)), ms(latencies.max()),
                    minPerConnection, maxPerConnection, errors, lostConnections);
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
