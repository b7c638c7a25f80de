/**
 * What stands between Grizzly and Tyrus because Tyrus does not do it: the gap-closing layer of the
 * echo server, each class one rule. None of it is seen by the endpoint
 * ({@link dev.sanfi.sockets.jakarta.EchoEndpoint}); all of it is Grizzly filters or their helpers,
 * put into the filter chain by {@link dev.sanfi.sockets.jakarta.JakartaEchoServer}, but for
 * {@link dev.sanfi.sockets.jakarta.guard.PerMessageDeflate}, Tyrus's permessage-deflate made per
 * message, which the container installs when the server compresses.
 *
 * <p>Where the bytes go, client to server:
 * {@link dev.sanfi.sockets.jakarta.guard.HandshakeDeadline} (on accept), Grizzly's HTTP codec,
 * {@link dev.sanfi.sockets.jakarta.guard.RequestCheck} (common's RequestRules; complete refusals),
 * {@link dev.sanfi.sockets.jakarta.guard.DeflateNegotiation} (at most one valid permessage-deflate
 * offer on to Tyrus, RFC 7692 §7),
 * {@link dev.sanfi.sockets.jakarta.guard.LingeringClose} (after our Close: read and drop),
 * {@link dev.sanfi.sockets.jakarta.guard.Keepalive} (every read is life),
 * {@link dev.sanfi.sockets.jakarta.guard.FrameCheckFilter} (01-echo-raw's parser: 1002, 1007, 1009;
 * with compression {@link dev.sanfi.sockets.jakarta.guard.InflatingFrameCheck}, the limit on the
 * inflated size),
 * then Tyrus. Server to client, Tyrus's frames pass {@link dev.sanfi.sockets.jakarta.guard.CloseOnce}
 * (nothing after a Close) and {@link dev.sanfi.sockets.jakarta.guard.EmptyCloseEcho}.
 * {@link dev.sanfi.sockets.jakarta.guard.OpenSessions} says goodbye with 1001 when the server stops.
 */
package dev.sanfi.sockets.jakarta.guard;
