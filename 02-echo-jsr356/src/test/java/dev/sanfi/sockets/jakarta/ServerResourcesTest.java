package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.common.ServerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** A stopped server and a closed client leave no thread behind (run alone, so other tests' threads do not count). */
@Isolated
class ServerResourcesTest {

    @Test
    @DisplayName("after close(), every thread the server and the client started has ended")
    void closeEndsEveryThread() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        JakartaEchoServer server = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        JakartaEchoClientTest.RecordingEvents events = new JakartaEchoClientTest.RecordingEvents();
        try (JakartaEchoClient client = JakartaEchoClient.connect(
                URI.create("ws://127.0.0.1:" + server.port() + "/echo"), events)) {
            client.sendText("hi");
            assertThat(events.next()).isEqualTo("text:hi");
            assertThat(Thread.getAllStackTraces().keySet()).as("the server and client run threads of their own")
                    .anyMatch(thread -> !before.contains(thread));
            client.sendClose(1000, "done");
            assertThat(events.next()).isEqualTo("close:1000");
        }
        server.close();
        server.close(); // idempotent

        // A thread may end a moment after close() returns: wait up to 10 s, then name those still alive.
        Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> !thread.getName().startsWith("ForkJoinPool"))
                .collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet()))
                .as("threads still alive after close").isEmpty());
    }
}
