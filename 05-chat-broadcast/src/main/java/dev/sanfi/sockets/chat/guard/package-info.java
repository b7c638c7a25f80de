/**
 * What Java-WebSocket 1.6 does not bound by itself, closed with its own extension points, apart
 * from the chat's logic: the request head's size (431, RFC 6585 §5) and deadline, a message limit
 * that bites at the fragment that passes it (1009, RFC 6455 §7.4.1), a Close for an invalid Close
 * (1002 or 1007, §5.5.1) found with the parser of chapter 3 ({@code 01-echo-raw}), a Ping after silence and Close 1001 at the idle timeout with any frame
 * counting as life, and TCP closed after the client's Close rather than under it (§7.1.1).
 *
 * <p>The rules are pure and tested without sockets: {@link dev.sanfi.sockets.chat.guard.RequestHeadLimit},
 * {@link dev.sanfi.sockets.chat.guard.InboundFrames}, {@link dev.sanfi.sockets.chat.guard.IdleRule}.
 * The rest plugs them into the library: a {@code WebSocketServerFactory} whose {@code WrappedByteChannel}
 * sees every byte first, a {@code Draft_6455} subclass that stops the library at a refused frame,
 * and two timers. {@link dev.sanfi.sockets.chat.guard.ConnectionGuard} is what a server wires in.
 */
package dev.sanfi.sockets.chat.guard;
