package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out on 05-chat-broadcast: M members join {@code /chat?name=...}, then S of them send chat
 * messages at R a second each (the chat lets a member send 20 a second, burst 40), and every
 * {@code message} event any member receives is a delivery. A message's text is the time it was sent,
 * so each delivery is timed from the send to its arrival at that member.
 */
final class ChatLoad implements LoadLoop.Driver {

    record Settings(URI server, LoadLoop.Options options, int members, int senders, double rate, int warmupSeconds,
                    int seconds, long serverPid, int clockTicks) {
        Settings {
            if (members < 1 || senders < 1 || senders > members || rate <= 0 || warmupSeconds < 0 || seconds < 1) {
                throw new IllegalArgumentException(
                        "need members >= 1, 1 <= senders <= members, rate > 0, warm-up >= 0, duration >= 1");
            }
        }
    }

    /**
     * How long the members may take to join. Every join is announced to every member already there,
     * so N members cost N²/2 deliveries: 10,000 are 50 million, minutes even at half a million a
     * second. The limit grows with that count: 120 s, and a second for every 100,000 deliveries.
     */
    static long joinTimeoutNanos(int members) {
        long deliveries = (long) members * members / 2;
        return TimeUnit.SECONDS.toNanos(120 + deliveries / 100_000);
    }

    /** How often a long join says how far it got. */
    private static final long JOIN_PROGRESS = TimeUnit.SECONDS.toNanos(15);
    private static final byte[] WELCOME = ascii("{\"type\":\"welcome\"");
    private static final byte[] MESSAGE = ascii("{\"type\":\"message\"");
    private static final byte[] ERROR = ascii("{\"type\":\"error\"");
    private static final byte[] TEXT = ascii("\"text\":\"t");

    private final Settings settings;
    private final Latencies latencies = new Latencies();
    private LoadLoop loop;
    private int welcomed;
    private boolean sending;
    private boolean recording;
    private long sendStart;
    private long[] sentBy;
    private long sent;
    private long deliveries;
    private long refused;

    ChatLoad(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void opened(Connection connection, long now) {
    }

    @Override
    public void message(Connection connection, int opcode, byte[] array, int offset, int length, long now) {
        if (startsWith(array, offset, length, MESSAGE)) {
            if (recording) {
                deliveries++;
                connection.counted++;
                long sentAt = sentAt(array, offset, length);
                if (sentAt != 0) {
                    latencies.add(now - sentAt);
                }
            }
        } else if (startsWith(array, offset, length, WELCOME)) {
            welcomed++;
        } else if (startsWith(array, offset, length, ERROR)) {
            refused++;
        }
    }

    @Override
    public void tick(long now) {
        if (!sending) {
            return;
        }
        double elapsed = (now - sendStart) / 1e9;
        for (int i = 0; i < settings.senders(); i++) {
            // Each sender's schedule is shifted a little, so that S senders do not send in bursts of S.
            long due = (long) (elapsed * settings.rate() + (double) i / settings.senders());
            Connection sender = loop.connections().get(i);
            while (sentBy[i] < due) {
                // Stamped with the time it was due, so that a generator running late shows as latency.
                byte[] text = ascii("{\"type\":\"message\",\"text\":\"t" + dueAt(i, sentBy[i]) + "\"}");
                loop.send(sender, Wire.TEXT, text, text.length);
                sentBy[i]++;
                if (recording) {
                    sent++;
                }
            }
        }
    }

    /** When sender {@code i}'s message {@code n} (from 0) is due: the inverse of the count in {@link #tick}. */
    private long dueAt(int i, long n) {
        return sendStart + (long) ((n + 1 - (double) i / settings.senders()) / settings.rate() * 1e9);
    }

    @Override
    public long nextDue(long now) {
        if (!sending) {
            return now + LoadLoop.MAX_WAIT_NANOS;
        }
        long next = Long.MAX_VALUE;
        for (int i = 0; i < settings.senders(); i++) {
            next = Math.min(next, dueAt(i, sentBy[i]));
        }
        return next;
    }

    /** Every member has its welcome, or has failed. */
    private boolean allAnswered() {
        return welcomed + loop.failedCount() >= settings.members();
    }

    Result run(PrintStream log) throws IOException {
        ProcessStats before = settings.serverPid() > 0 ? ProcessStats.of(settings.serverPid(), settings.clockTicks()) : null;
        try (LoadLoop loop = new LoadLoop(settings.server(), settings.options(), this)) {
            this.loop = loop;
            long joinStart = System.nanoTime();
            loop.open(settings.members(), i -> "/chat?name=bench" + i);
            long joinDeadline = joinStart + joinTimeoutNanos(settings.members());
            for (long now = System.nanoTime(); now < joinDeadline && !allAnswered(); now = System.nanoTime()) {
                loop.runUntil(Math.min(joinDeadline, now + JOIN_PROGRESS), this::allAnswered);
                if (!allAnswered()) {
                    log.printf("... %,d of %,d members joined after %.0f s%n", welcomed, settings.members(),
                            (System.nanoTime() - joinStart) / 1e9);
                }
            }
            if (welcomed != settings.members()) {
                throw new IOException(welcomed + " of " + settings.members() + " members joined; "
                        + String.join("; ", loop.failures().subList(0, Math.min(3, loop.failures().size()))));
            }
            long joinNanos = System.nanoTime() - joinStart;
            // Let the joined events of the last members reach everyone before the clock starts.
            loop.runUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(1), () -> false);
            log.printf("%d members joined in %.1f s; %d senders at %.1f messages/s each; warm-up %d s%n",
                    settings.members(), joinNanos / 1e9, settings.senders(), settings.rate(), settings.warmupSeconds());

            sentBy = new long[settings.senders()];
            sendStart = System.nanoTime();
            sending = true;
            loop.runUntil(sendStart + TimeUnit.SECONDS.toNanos(settings.warmupSeconds()), () -> false);

            Usage usage = Usage.start(settings.serverPid(), settings.clockTicks(), loop);
            recording = true;
            long start = System.nanoTime();
            loop.runUntil(start + TimeUnit.SECONDS.toNanos(settings.seconds()), () -> false);
            long elapsed = System.nanoTime() - start;
            recording = false;
            Usage.Used used = usage.stop(loop);
            sending = false;

            long minimum = Long.MAX_VALUE;
            long maximum = 0;
            for (Connection connection : loop.connections()) {
                minimum = Math.min(minimum, connection.counted);
                maximum = Math.max(maximum, connection.counted);
            }
            int lost = settings.members() - loop.openCount();
            List<String> failures = List.copyOf(loop.failures());
            loop.closeAll(TimeUnit.SECONDS.toNanos(5));
            return new Result(sent, deliveries, elapsed, latencies, minimum, maximum, refused, lost, failures,
                    settings, joinNanos, before, used);
        }
    }

    record Result(long sent, long deliveries, long elapsedNanos, Latencies latencies, long minPerMember,
                  long maxPerMember, long refused, int lostMembers, List<String> failures, Settings settings,
                  long joinNanos, ProcessStats before, Usage.Used used) {

        double perSecond() {
            return deliveries * 1e9 / elapsedNanos;
        }

        void print(PrintStream out) {
            double offered = sent * (double) settings.members() * 1e9 / elapsedNanos;
            out.printf("sent %d messages in %.2f s (%.0f/s): %.0f deliveries/s offered%n",
                    sent, elapsedNanos / 1e9, sent * 1e9 / elapsedNanos, offered);
            out.printf("deliveries: %d = %.0f/s%n", deliveries, perSecond());
            out.printf("latency (send to delivery): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    EchoLoad.ms(latencies.percentile(50)), EchoLoad.ms(latencies.percentile(99)),
                    EchoLoad.ms(latencies.max()));
            out.printf("fairness: deliveries per member min %d, max %d%n", minPerMember, maxPerMember);
            used.print(out, deliveries);
            out.printf("errors: %d messages refused by the rate limit, %d members lost%n", refused, lostMembers);
            failures.stream().limit(5).forEach(f -> out.println("  " + f));
            String memory = "";
            if (before != null && used.server() != null) {
                // What the members cost the server: its growth from before they joined, per member.
                memory = String.format(java.util.Locale.ROOT,
                        " rss_before_kib=%d threads_before=%d kib_per_conn=%.1f threads_per_conn=%.3f",
                        before.rssBytes() >> 10, before.threads(),
                        (used.server().rssBytes() - before.rssBytes()) / 1024.0 / settings.members(),
                        (double) (used.server().threads() - before.threads()) / settings.members());
            }
            out.printf("RESULT load=chat members=%d senders=%d rate=%s join_s=%.1f deliveries_per_s=%.0f"
                            + " offered_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f min_conn=%d max_conn=%d"
                            + " %s%s errors=%d lost=%d%n",
                    settings.members(), settings.senders(), EchoLoad.trim(settings.rate()), joinNanos / 1e9,
                    perSecond(), offered, EchoLoad.ms(latencies.percentile(50)),
                    EchoLoad.ms(latencies.percentile(99)), EchoLoad.ms(latencies.max()),
                    minPerMember, maxPerMember, used.fields(deliveries), memory, refused, lostMembers);
        }
    }

    private static boolean startsWith(byte[] array, int offset, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (array[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The nanoTime after {@code "text":"t} in a message event, 0 if there is none. */
    static long sentAt(byte[] array, int offset, int length) {
        int end = offset + length;
        outer:
        for (int i = offset; i + TEXT.length <= end; i++) {
            for (int j = 0; j < TEXT.length; j++) {
                if (array[i + j] != TEXT[j]) {
                    continue outer;
                }
            }
            long value = 0;
            boolean negative = false;
            int k = i + TEXT.length;
            if (k < end && array[k] == '-') {
                negative = true;
                k++;
            }
            for (; k < end && array[k] >= '0' && array[k] <= '9'; k++) {
                value = value * 10 + (array[k] - '0');
            }
            return negative ? -value : value;
        }
        return 0;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
