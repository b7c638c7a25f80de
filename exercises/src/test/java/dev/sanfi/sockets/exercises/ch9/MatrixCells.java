package dev.sanfi.sockets.exercises.ch9;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Cells of chapter 9's {@link MiniMatrix}: each server started once for the class, each cell (a
 * client, a server, a check) a connection of its own. The exercises' tests choose their cells.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MatrixCells {

    private static final long WAIT_SECONDS = 10;
    /** This test class's own servers: the classes run side by side. */
    private final Map<String, EchoServer> running = new LinkedHashMap<>();

    @BeforeAll
    void startEveryServer() throws Exception {
        for (MiniMatrix.Server server : MiniMatrix.servers()) {
            running.put(server.name(), server.starter().start(ServerSettings.defaults(0).withHost("127.0.0.1")));
        }
    }

    @AfterAll
    void stopEveryServer() {
        running.values().forEach(EchoServer::close);
        running.clear();
    }

    /** The cells of these clients and checks, against every server. */
    static Stream<Arguments> cells(Predicate<MiniMatrix.Client> clients, Predicate<MiniMatrix.Check> checks) {
        List<Arguments> cells = new ArrayList<>();
        for (MiniMatrix.Client client : MiniMatrix.clients()) {
            for (MiniMatrix.Server server : MiniMatrix.servers()) {
                for (MiniMatrix.Check check : MiniMatrix.checks()) {
                    if (clients.test(client) && checks.test(check)) {
                        cells.add(Arguments.of(client, server, check));
                    }
                }
            }
        }
        return cells.stream();
    }

    /** One cell: each message of the check comes back as it was sent, then Close 4321 is answered with 4321. */
    void echoesThenCloses(MiniMatrix.Client client, MiniMatrix.Server server, MiniMatrix.Check check) throws Exception {
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        URI uri = URI.create("ws://127.0.0.1:" + running.get(server.name()).port() + "/echo");
        try (EchoClientSession session = client.connector().connect(uri, recorder(received))) {
            for (MiniMatrix.Sent message : check.messages()) {
                if (message instanceof MiniMatrix.Text text) {
                    session.sendText(text.text());
                    assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(text.text());
                } else {
                    byte[] data = ((MiniMatrix.Binary) message).data();
                    session.sendBinary(data);
                    assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(data);
                }
            }
            session.sendClose(4321, "done"); // a code RFC 6455 §7.4.2 leaves to applications
            assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("the server's Close").isEqualTo(4321);
        }
    }

    /** Texts as String, binary messages as byte[], the close as its code. */
    private static ClientEvents recorder(BlockingQueue<Object> received) {
        return new ClientEvents() {
            @Override
            public void onText(String text) {
                received.add(text);
            }

            @Override
            public void onBinary(byte[] data) {
                received.add(data);
            }

            @Override
            public void onClose(int code, String reason) {
                received.add(code);
            }

            @Override
            public void onError(Throwable error) {
                received.add(error);
            }
        };
    }
}
