package dev.sanfi.sockets.raw.io;

import java.time.Duration;

/**
 * The server's keepalive for an open connection (RFC 6455 §5.5.2: a Ping "may serve as a
 * keepalive"), both measured from the last time the peer was heard from (any bytes count).
 *
 * @param pingInterval after this long without hearing from the peer, send it a Ping
 * @param idleTimeout  after this long without hearing from the peer (not even a Pong), close with 1001
 */
public record Keepalive(Duration pingInterval, Duration idleTimeout) {
}
