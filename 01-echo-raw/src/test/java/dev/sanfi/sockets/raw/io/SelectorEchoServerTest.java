package dev.sanfi.sockets.raw.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.RawEchoServerTest;
import dev.sanfi.sockets.testkit.Message;
import dev.sanfi.sockets.testkit.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code --io selector}: the whole echo contract and 01-echo-raw's own server tests (inherited from
 * {@link RawEchoServerTest}), on the same core under one selector loop; and what only this shell
 * promises: connections do not cost threads.
 */
class SelectorEchoServerTest extends RawEchoServerTest {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return SelectorEchoServer.start(settings);
    }

    @Test
    @DisplayName("--io selector: 100 open connections, each echoing, run on one server thread")
    void connectionsCostNoThreads() throws Exception {
        EchoServer server = startOwn(defaultSettings());
        String loopThread = "raw-echo-selector-" + server.port();
        List<WireClient> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clients.add(open(server));
        }
        for (int i = 0; i < clients.size(); i++) {
            assertEchoes(clients.get(i), Message.text("connection " + i));
        }
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("raw-echo-"))
                .extracting(Thread::getName)
                .as("the server's threads with 100 connections open")
                .filteredOn(name -> name.endsWith("-" + server.port()))
                .containsExactly(loopThread);
    }
}
