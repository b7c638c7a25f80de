package dev.sanfi.sockets.spring.tuning;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * One message per turn: after each message the thread that handled it lets the other threads of
 * Tomcat's pool run first ({@link Thread#yield()}), so that no connection keeps a core to itself
 * while its bytes keep coming.
 *
 * <p>Tomcat's WebSocket read ({@code WsFrameServer}) goes on reading and handing on messages until
 * a read finds no more bytes, on one thread of its pool. A peer that always has its next message on
 * the way keeps that thread on its connection. Under chapter 9's load (100 connections, 10 messages
 * in flight on each, the server pinned to one core) some connections then waited seconds for an
 * echo: p99 164–220 ms, the worst 1.1–4.4 s, and from 5,523 to 40,443 echoes per connection in 10 s.
 * A smaller pool changed nothing (p99 115–144 ms with 8 or 2 threads).
 *
 * <p>With a yield after every message, measured the same way: p99 12.5–13.8 ms, the worst 26–32 ms,
 * every connection within a few echoes of the others (12,025 to 12,046). The price is the switches
 * between threads that the yields allow: a tenth to a third fewer echoes a second on that one core.
 * Tomcat's own way to step aside, {@code WsSession.suspend()} and {@code resume()}, was as fair at
 * no cost, but a resume that comes while the read loop is still stopping leaves the frames already
 * read in Tomcat's buffer until the peer sends more bytes: the contract's load test hung on it.
 */
public final class FairReads {

    private FairReads() {
    }

    /** The handler, with a yield to the other threads after each text or binary message. */
    public static WebSocketHandler yielding(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                super.handleMessage(session, message);
                if (message instanceof TextMessage || message instanceof BinaryMessage) {
                    Thread.yield();
                }
            }
        };
    }
}
