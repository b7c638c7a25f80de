package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.EchoClientSession;
import java.util.concurrent.CompletableFuture;

/**
 * A client session whose library lets the application send a Ping (RFC 6455 §5.5.2) and hear the
 * Pong (§5.5.3). {@link EchoClientSession} has no ping: the project's clients answer the server's
 * Pings but never send their own, so only the adapters of the other libraries implement this.
 */
interface PingingSession extends EchoClientSession {

    /** Sends a Ping with this payload; the future completes with the payload of the next Pong. */
    CompletableFuture<byte[]> ping(byte[] payload) throws Exception;
}
