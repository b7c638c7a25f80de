/**
 * I/O for 01-echo-raw's connection core: what both shells share ({@link dev.sanfi.sockets.raw.io.ConnectionTimers},
 * {@link dev.sanfi.sockets.raw.io.Keepalive}, {@link dev.sanfi.sockets.raw.io.OpenSessions}) and the
 * {@code --io selector} shell ({@link dev.sanfi.sockets.raw.io.SelectorEchoServer}: one
 * {@link java.nio.channels.Selector} loop, non-blocking channels). Nothing here is a protocol rule:
 * those are {@code dev.sanfi.sockets.raw.protocol}'s; this package moves bytes and keeps the time.
 */
package dev.sanfi.sockets.raw.io;
