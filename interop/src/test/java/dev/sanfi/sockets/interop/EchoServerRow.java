package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row of the interop table turned on its side: one echo server, started once on port 0 with the
 * default limits, and every client against it. Each test is one check of one (client, server) cell
 * and its name says which, e.g. "JDK client -> 03-echo-jetty server: 1 MiB binary".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EchoServerRow {

    static final String ASCII = "hello, echo";
    /** Two-, three- and four-byte UTF-8 sequences (RFC 3629), the last one a surrogate pair in Java. */
    static final String MULTI_BYTE = "héllo wörld, Καλημέρα, こんにちは, 🦆🚀";
    /** RFC 6455 §7.4.2: 4000-4999 are for applications; the echo server sends the code back. */
    static final int APPLICATION_CLOSE_CODE = 4321;
    /** RFC 6455 §7.4.1: 1009, the message is too big to process. */
    static final int MESSAGE_TOO_BIG = 1009;

    private EchoServer server;
    private URI uri;

    /** The server of this row. */
    abstract ServerStack stack();

    @BeforeAll
    void startServer() throws Exception {
        server = stack().starter().start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        uri = URI.create("ws://127.0.0.1:" + server.port() + stack().target());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    Stream<Arguments> everyClient() {
        return Arrays.stream(ClientStack.values()).map(client -> Arguments.of(client, stack()));
    }

    /** The clients that always hear this server's Close 1009 (see {@link ServerStack#mayLoseTheLimitClose}). */
    Stream<Arguments> clientsThatHearTheLimitClose() {
        return everyClient().filter(cell -> !stack().mayLoseTheLimitClose((ClientStack) cell.get()[0]));
    }

    Stream<Arguments> clientsThatCanPing() {
        return everyClient().filter(cell -> ((ClientStack) cell.get()[0]).canPing());
    }

    @ParameterizedTest(name = "{0} client -> {1} server: ASCII and multi-byte UTF-8 text")
    @MethodSource("everyClient")
    void text(ClientStack client, ServerStack server) throws Exception {
        try (OpenClient open = connect(client)) {
            open.session().sendText(ASCII);
            open.session().sendText(MULTI_BYTE);

            assertThat(open.events().nextText()).as(cell(client)).isEqualTo(server.echoOf(ASCII));
            assertThat(open.events().nextText()).as(cell(client)).isEqualTo(server.echoOf(MULTI_BYTE));
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server: binary, every byte value")
    @MethodSource("everyClient")
    void binary(ClientStack client, ServerStack server) throws Exception {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        try (OpenClient open = connect(client)) {
            open.session().sendBinary(everyByte);

            assertThat(open.events().nextBinary()).as(cell(client)).isEqualTo(everyByte);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server: 1 MiB binary, exactly the limit")
    @MethodSource("everyClient")
    void oneMebibyte(ClientStack client, ServerStack server) throws Exception {
        byte[] data = randomBytes(Limits.MAX_MESSAGE_BYTES);
        try (OpenClient open = connect(client)) {
            open.session().sendBinary(data);

            byte[] echo = open.events().nextBinary();
            assertThat(echo.length).as(cell(client) + ": echo length").isEqualTo(data.length);
            assertThat(Arrays.mismatch(echo, data)).as(cell(client) + ": first byte that differs").isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server: one byte over the limit is closed with 1009")
    @MethodSource("clientsThatHearTheLimitClose")
    void overTheLimit(ClientStack client, ServerStack server) throws Exception {
        try (OpenClient open = connect(client)) {
            try {
                open.session().sendBinary(randomBytes(Limits.MAX_MESSAGE_BYTES + 1));
            } catch (Exception e) {
                // The server may close before the last bytes are written (a blocking client's send
                // then fails); what the cell checks is that the client hears the 1009.
            }

            RecordedEvents.Close close = open.events().awaitClose();
            assertThat(close.code()).as(cell(client) + ": " + close + ", errors " + open.events().errors())
                    .isEqualTo(MESSAGE_TOO_BIG);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server: Ping answered by a Pong with the same payload")
    @MethodSource("clientsThatCanPing")
    void pingPong(ClientStack client, ServerStack server) throws Exception {
        byte[] payload = "are you there?".getBytes(StandardCharsets.UTF_8);
        try (OpenClient open = connect(client)) {
            PingingSession pinging = (PingingSession) open.session();

            byte[] pong = pinging.ping(payload).get(RecordedEvents.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(pong).as(cell(client)).isEqualTo(payload);
            open.session().sendText(ASCII);
            assertThat(open.events().nextText()).as(cell(client) + ": still open after the Pong")
                    .isEqualTo(server.echoOf(ASCII));
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server: Close 1000 echoed")
    @MethodSource("everyClient")
    void normalClosure(ClientStack client, ServerStack server) throws Exception {
        try (OpenClient open = connect(client)) {
            open.session().sendClose(CloseCodes.NORMAL_CLOSURE, "bye");

            assertThat(open.events().awaitClose().code()).as(cell(client)).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server: Close 4321 (an application''s code) echoed")
    @MethodSource("everyClient")
    void applicationCloseCode(ClientStack client, ServerStack server) throws Exception {
        try (OpenClient open = connect(client)) {
            open.session().sendClose(APPLICATION_CLOSE_CODE, "done here");

            assertThat(open.events().awaitClose().code()).as(cell(client)).isEqualTo(APPLICATION_CLOSE_CODE);
        }
    }

    /** A client session and what it heard; closing it frees the client's socket and threads. */
    record OpenClient(EchoClientSession session, RecordedEvents events) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    /** The server of this row, started once for all its cells. */
    EchoServer server() {
        return server;
    }

    OpenClient connect(ClientStack client) throws Exception {
        RecordedEvents events = new RecordedEvents();
        return new OpenClient(client.connector().connect(uri, events), events);
    }

    String cell(ClientStack client) {
        return client + " client -> " + stack() + " server";
    }

    static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(6455).nextBytes(data);
        return data;
    }
}
