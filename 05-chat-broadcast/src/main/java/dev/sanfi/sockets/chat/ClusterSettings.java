package dev.sanfi.sockets.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * How a chat node joins a cluster ({@code server --redis}); tests shorten the timers.
 *
 * @param redis          the Redis every node of the room shares
 * @param commandTimeout every Redis command fails after this (Lettuce's command timeout)
 * @param nameLease      a name is held this long unless its node renews it; a dead node's members
 *                       are announced as left about this long after it died
 * @param maxBackoff     the longest wait between two tries while Redis is unreachable
 */
public record ClusterSettings(RedisAddress redis, Duration commandTimeout, Duration nameLease, Duration maxBackoff) {

    public ClusterSettings {
        Objects.requireNonNull(redis, "redis");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(nameLease, "nameLease");
        requirePositive(maxBackoff, "maxBackoff");
        if (commandTimeout.compareTo(ClusterRoom.READ_BLOCK) <= 0) {
            throw new IllegalArgumentException("commandTimeout must be longer than a blocking read ("
                    + ClusterRoom.READ_BLOCK + "), was " + commandTimeout);
        }
    }

    /** 2 s per command, names leased for 15 s, at most 5 s between tries. */
    public static ClusterSettings defaults(RedisAddress redis) {
        return new ClusterSettings(redis, Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(5));
    }

    public ClusterSettings withNameLease(Duration newLease) {
        return new ClusterSettings(redis, commandTimeout, newLease, maxBackoff);
    }

    public ClusterSettings withMaxBackoff(Duration newBackoff) {
        return new ClusterSettings(redis, commandTimeout, nameLease, newBackoff);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
