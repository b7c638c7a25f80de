package dev.sanfi.sockets.exercises.ch4;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.raw.HandshakeException;
import dev.sanfi.sockets.raw.RawEchoClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Chapter 4, exercise 3: make the client reconnect. A WebSocket does not come back by itself: when
 * it closes with a code that means "not now" rather than "not you", the client connects again,
 * waiting longer after each failure so that a thousand clients do not hammer a restarting server
 * together, and giving up after a few attempts.
 */
public final class Reconnect {

    /** How the client waits between two attempts; {@code Thread::sleep} in real use, a recorder in tests. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration delay) throws InterruptedException;
    }

    private final int attempts;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Pause pause;

    public Reconnect(int attempts, Duration firstDelay, Duration maxDelay, Pause pause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.pause = pause;
    }

    /**
     * Whether a connection that closed with this code is worth opening again: the server went away
     * (1001) or restarts (1012), the connection broke (1006), the server was overloaded or failed
     * (1013, 1011). Not after 1000 (done) nor after the codes that blame the client (1002, 1003,
     * 1007–1010): it would be refused again.
     */
    public static boolean worthRetrying(int closeCode) {
        return switch (closeCode) {
            case 1001, 1006, 1011, 1012, 1013 -> true;
            default -> false;
        };
    }

    /** The wait before attempt {@code attempt + 1}: the first delay, doubled each time, at most the max. */
    public Duration delayAfter(int attempt) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempt - 1, 30));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /**
     * A connection to the URI {@code where} names at each attempt.
     *
     * @throws IOException the last failure, once every attempt failed, or at once when the server
     *                     refused the handshake with a 4xx status: the same request gets the same answer
     */
    public RawEchoClient connect(Supplier<URI> where, ClientEvents events) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return RawEchoClient.connect(where.get(), events);
            } catch (HandshakeException refused) {
                if (refused.status() >= 400 && refused.status() < 500 || attempt == attempts) {
                    throw refused;
                }
            } catch (IOException unreachable) {
                if (attempt == attempts) {
                    throw unreachable;
                }
            }
            pause.pause(delayAfter(attempt));
        }
    }
}
