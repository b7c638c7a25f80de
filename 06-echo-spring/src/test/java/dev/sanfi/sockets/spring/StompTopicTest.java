package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * The STOMP endpoint as a Spring client uses it: {@code WebSocketStompClient} connects, subscribes
 * to a topic and sends; Spring's simple broker delivers each message to every subscriber.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("STOMP at /stomp with Spring's WebSocketStompClient")
class StompTopicTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private EchoServer server;
    private final List<WsWebSocketContainer> containers = new ArrayList<>();
    private final List<StompSession> sessions = new ArrayList<>();

    @BeforeAll
    void startServer() throws Exception {
        server = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /**
     * Closes the clients' sockets without a DISCONNECT frame: Spring's client closes the WebSocket
     * right after its DISCONNECT, and the server, which hands the frame on in order on another
     * thread, may then find the session gone and log an error for a goodbye that was fine.
     */
    @AfterEach
    void closeClients() {
        sessions.clear();
        containers.forEach(WsWebSocketContainer::destroy);
        containers.clear();
    }

    @Test
    @DisplayName("a message sent to /topic/room reaches every subscriber, the sender too, in the order sent")
    void topicReachesEverySubscriber() throws Exception {
        StompSession alice = connect();
        StompSession bob = connect();
        BlockingQueue<String> toAlice = subscribe(alice, "/topic/room");
        BlockingQueue<String> toBob = subscribe(bob, "/topic/room");
        // Each client's frames are handled in order: once its own "ready" is back, its SUBSCRIBE is in.
        awaitOwnMessage(alice, toAlice, "/topic/room", "alice ready");
        awaitOwnMessage(bob, toBob, "/topic/room", "bob ready");

        for (int i = 0; i < 3; i++) {
            alice.send("/topic/room", "hello " + i);
        }

        for (int i = 0; i < 3; i++) {
            assertThat(next(toAlice)).isEqualTo("hello " + i);
            assertThat(next(toBob)).isEqualTo("hello " + i);
        }
    }

    @Test
    @DisplayName("a message sent to /app/chat goes through the @MessageMapping method to /topic/chat")
    void applicationDestinationIsRelayedToTheTopic() throws Exception {
        StompSession carol = connect();
        BlockingQueue<String> toCarol = subscribe(carol, "/topic/chat");
        awaitOwnMessage(carol, toCarol, "/topic/chat", "carol ready");

        carol.send("/app/chat", "through the relay");

        assertThat(next(toCarol)).isEqualTo("through the relay");
    }

    private StompSession connect() throws Exception {
        WsWebSocketContainer container = new WsWebSocketContainer();
        containers.add(container);
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient(container));
        client.setMessageConverter(new StringMessageConverter());
        StompSession session = client.connectAsync("ws://127.0.0.1:" + server.port() + StompConfiguration.STOMP_PATH,
                new StompSessionHandlerAdapter() { }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        sessions.add(session);
        return session;
    }

    private static BlockingQueue<String> subscribe(StompSession session, String destination) {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return String.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                received.add((String) payload);
            }
        });
        return received;
    }

    /** Sends to the destination and waits for that message to come back, skipping others'. */
    private static void awaitOwnMessage(StompSession session, BlockingQueue<String> received, String destination,
                                        String text) throws InterruptedException {
        session.send(destination, text);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String next;
        do {
            next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(next).as("own message %s within %s", text, TIMEOUT).isNotNull();
        } while (!next.equals(text));
    }

    /** The next message, skipping the others' "ready" (Alice may get Bob's before or after her own). */
    private static String next(BlockingQueue<String> received) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String message;
        do {
            message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(message).as("a MESSAGE within %s", TIMEOUT).isNotNull();
        } while (message.endsWith(" ready"));
        return message;
    }
}
