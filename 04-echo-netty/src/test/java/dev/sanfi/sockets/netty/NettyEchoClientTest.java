package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.HeardEvents;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Netty client against the Netty server, over real sockets on 127.0.0.1. */
class NettyEchoClientTest {

    private static final long TIMEOUT_MILLIS = 5_000;

    private NettyEchoServer server;
    private final HeardEvents events = new HeardEvents();

    @BeforeEach
    void startServer() throws IOException {
        server = NettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private URI echoUri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @Test
    @DisplayName("text and binary come back, and a Close 1000 is answered with 1000")
    void echoesAndClosesCleanly() throws Exception {
        try (NettyEchoClient client = NettyEchoClient.connect(echoUri(), events)) {
            client.sendText("héllo");
            assertThat(events.next()).isEqualTo("text héllo");
            client.sendBinary(new byte[70_000]);
            assertThat(events.next()).isEqualTo("binary 70000");

            client.sendClose(1000, "done");

            assertThat(events.next()).isEqualTo("close 1000 done");
        }
    }

    @Test
    @DisplayName("the server stopping is heard as Close 1001, and close() returns within the grace period")
    void hearsTheServerGoingAway() throws Exception {
        try (NettyEchoClient client = NettyEchoClient.connect(echoUri(), events)) {
            assertThat(client.isTerminated()).isFalse();
            long start = System.nanoTime();
            server.close();

            assertThat(events.next()).startsWith("close 1001");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    @DisplayName("a refused upgrade is an exception naming the status")
    void refusedUpgradeFails() {
        URI wrongPath = URI.create("ws://127.0.0.1:" + server.port() + "/nope");

        assertThatThrownBy(() -> NettyEchoClient.connect(wrongPath, events))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("404");
    }

    @Test
    @DisplayName("an unreachable server is an exception, and no client thread is left")
    void unreachableServerFails() throws IOException, InterruptedException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> NettyEchoClient.connect(URI.create("ws://127.0.0.1:" + freePort + "/echo"), events))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("Connection refused");
        awaitNoThreads("netty-echo-client");
    }

    @Test
    @DisplayName("close() ends the session's event loop thread; the server's close() ends its own")
    void closeFreesEveryThread() throws Exception {
        NettyEchoClient client = NettyEchoClient.connect(echoUri(), events);

        client.close();
        client.close(); // idempotent
        server.close();
        server.close(); // idempotent

        assertThat(client.isTerminated()).isTrue();
        assertThat(server.isTerminated()).isTrue();
        assertThat(events.next()).isEqualTo("close 1006 ");
    }

    /** Waits, up to the timeout, for every thread whose name starts with the prefix to end. */
    static void awaitNoThreads(String prefix) {
        await("threads named " + prefix + "* to end").atMost(Duration.ofMillis(TIMEOUT_MILLIS))
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(thread -> thread.isAlive() && thread.getName().startsWith(prefix)));
    }
}
