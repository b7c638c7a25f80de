/**
 * The pure connection core of 01-echo-raw: {@link dev.sanfi.sockets.raw.protocol.Connection} takes
 * the bytes of an open WebSocket connection and returns {@link dev.sanfi.sockets.raw.protocol.Event}s
 * and the bytes to send, and knows its {@link dev.sanfi.sockets.raw.protocol.CloseState}.
 *
 * <p>Nothing in this package touches a socket, a channel, a clock or a thread; {@code ProtocolPurityTest}
 * fails the build if anything does. The I/O shells ({@code dev.sanfi.sockets.raw.io} and the
 * thread-per-connection classes of {@code dev.sanfi.sockets.raw}) move bytes and keep the time.
 * The design is python-websockets' "Sans-I/O" protocol: the protocol as a state machine that takes
 * bytes and returns bytes and events, so that it is tested without a network and runs under any
 * I/O model.
 */
package dev.sanfi.sockets.raw.protocol;
