package dev.sanfi.sockets.spring.tuning;

import java.util.concurrent.TimeUnit;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * One message per turn: after each message of a connection that is streaming them, the thread that
 * handled it lets the other threads of Tomcat's pool run first ({@link Thread#yield()}), so that no
 * connection keeps a core to itself while its bytes keep coming.
 *
 * <p>Tomcat's WebSocket read ({@code WsFrameServer}) goes on reading and handing on messages until
 * a read finds no more bytes, on one thread of its pool. A peer that always has its next message on
 * the way keeps that thread on its connection. Under chapter 9's load (100 connections, 10 messages
 * in flight on each, the server pinned to one core) some connections then waited seconds for an
 * echo: p99 164–220 ms, the worst 1.1–4.4 s, and from 5,523 to 40,443 echoes per connection in 10 s.
 * A smaller pool changed nothing (p99 115–144 ms with 8 or 2 threads).
 *
 * <p>With the yields, measured the same way: p99 11.7–15.4 ms, the worst 36–41 ms, every connection
 * within a few dozen echoes of the others (13,766 to 13,832). The price is the switches between
 * threads that the yields allow, on that one core up to a third fewer echoes a second at the
 * unpaced load; a connection that sends now and then does not yield, and costs what it did.
 * Tomcat's own way to step aside, {@code WsSession.suspend()} and {@code resume()}, was as fair and
 * cheaper, but a resume that comes while the read loop is still stopping leaves the frames already
 * read in Tomcat's buffer until the peer sends more bytes: the contract's load test hung on it.
 */
public final class FairReads {

    private FairReads() {
    }

    /**
     * A message that follows the session's previous one this closely is part of a stream that holds
     * the thread; one that comes later found the thread free anyway, and a yield would only cost
     * a switch (at 1,000 connections sending 10 messages a second each, yielding after every
     * message took 27 % more CPU per echo).
     */
    static final long STREAMING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final String LAST_MESSAGE = FairReads.class.getName();

    /** The handler, with a yield to the other threads after each text or binary message of a stream. */
    public static WebSocketHandler yielding(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                super.handleMessage(session, message);
                if ((message instanceof TextMessage || message instanceof BinaryMessage) && streaming(session)) {
                    Thread.yield();
                }
            }
        };
    }

    /** Whether the session's previous message was handled less than {@link #STREAMING_NANOS} ago; notes this one. */
    private static boolean streaming(WebSocketSession session) {
        long[] last = (long[]) session.getAttributes().computeIfAbsent(LAST_MESSAGE, key -> new long[] {Long.MIN_VALUE});
        long now = System.nanoTime();
        boolean streaming = last[0] != Long.MIN_VALUE && now - last[0] < STREAMING_NANOS;
        last[0] = now;
        return streaming;
    }
}
