package dev.sanfi.sockets.raw;

import java.time.Duration;

/**
 * The server's timers for an open connection (RFC 6455 §5.5.2: a Ping "may serve as a keepalive").
 *
 * @param pingInterval after this long without hearing from the peer, send it a Ping
 * @param idleTimeout  after this long without hearing from the peer (not even a Pong), close with 1001
 */
record Keepalive(Duration pingInterval, Duration idleTimeout) {
}
