/**
 * What Jetty does not do by itself, each class one rule of the contract ({@code docs/contract.md}):
 * {@code RequestCheck} (the refusals of {@code common}'s RequestRules, RFC 6455 §4.2.1, §4.4, §10.2),
 * {@code HandshakeDeadline} (a whole request head within the handshake timeout), {@code Keepalive}
 * (Ping a silent peer, 1001 an idle one, any frame counting as life), {@code Utf8FailFast} with
 * {@code Utf8CheckExtension} (RFC 6455 §8.1; {@code InternalExtension} adds it, and tuning's extensions, to every upgrade), {@code OpenSessions} (1001 to every session on shutdown), {@code DeflateNegotiation}
 * (at most one valid permessage-deflate offer accepted, chapter 4b's rule, RFC 7692 §7) with
 * {@code AgreedDeflateExtension} (Jetty's extension, its answer naming all that was agreed, §7.1.2).
 *
 * <p>The echo endpoint does not know this package: each class reaches it through one of Jetty's own
 * mechanisms, a handler in front of the upgrade, a connection listener on the connector, a session
 * listener on the container, a decorated {@code WebSocketCreator}, or an extension in the server's
 * registry.
 */
package dev.sanfi.sockets.jetty.guard;
