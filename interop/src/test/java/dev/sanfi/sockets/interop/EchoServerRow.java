package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
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
 * One column of the interop table turned on its side: one echo server, started once per
 * {@link Transport} it runs over (plain {@code ws://}, {@code wss://} with a certificate made for
 * this class, {@code ws://} with permessage-deflate), each on port 0 with the default limits, and
 * every client against each. Each test is one check of one (client, server, transport) cell and its
 * name says which, e.g. "JDK client -> 03-echo-jetty server over wss://: 1 MiB binary". A transport
 * the server does not run over is not left out silently: the row checks that the server refuses
 * those settings ({@link #refusesWhatItDoesNotRunOver}), and the table says why.
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
    /** What the compressed cell sends: chat-like JSON, about 256 KiB, that compresses to a few KiB. */
    static final String COMPRESSIBLE = compressibleJson(256 * 1024);
    /** The compressed cell's bound for the bytes of each direction on the wire: a tenth of the message. */
    static final int COMPRESSED_WIRE_BYTES = COMPRESSIBLE.length() / 10;

    private final Map<Transport, EchoServer> servers = new EnumMap<>(Transport.class);
    private TestCertificate certificate;

    /** The server of this row. */
    abstract ServerStack stack();

    @BeforeAll
    void startServers() throws Exception {
        certificate = TestCertificate.create();
        for (Transport transport : Transport.values()) {
            if (stack().supports(transport)) {
                servers.put(transport, stack().starter().start(transport.serverSettings(plainSettings(), certificate)));
            }
        }
    }

    @AfterAll
    void stopServers() {
        try {
            servers.values().forEach(EchoServer::close);
        } finally {
            if (certificate != null) {
                certificate.close();
            }
        }
    }

    private static ServerSettings plainSettings() {
        return ServerSettings.defaults(0).withHost("127.0.0.1");
    }

    /** Every client over every transport that both it and this server run over. */
    Stream<Arguments> everyClient() {
        return Arrays.stream(Transport.values()).filter(stack()::supports).flatMap(transport ->
                Arrays.stream(ClientStack.values()).filter(client -> client.supports(transport))
                        .map(client -> Arguments.of(client, stack(), transport)));
    }

    /** The cells whose server takes a message of exactly the limit (see {@link ServerStack#refusesTheLimitCompressed}). */
    Stream<Arguments> cellsThatTakeTheLimit() {
        return everyClient().filter(cell -> !stack().refusesTheLimitCompressed((ClientStack) cell.get()[0], (Transport) cell.get()[2]));
    }

    /**
     * The clients that always hear this server's Close 1009 (see {@link ServerStack#mayLoseTheLimitClose}
     * and {@link ClientStack#mayLoseTheLimitCloseOverTls}).
     */
    Stream<Arguments> clientsThatHearTheLimitClose() {
        return everyClient().filter(cell -> !stack().mayLoseTheLimitClose((ClientStack) cell.get()[0], (Transport) cell.get()[2])
                && !((ClientStack) cell.get()[0]).mayLoseTheLimitCloseOverTls((Transport) cell.get()[2]));
    }

    /** The cells of a client that may lose this server's Close 1009 over TLS, where the server's own deviation does not already say so. */
    Stream<Arguments> clientsThatMayLoseTheLimitCloseOverTls() {
        return everyClient().filter(cell -> !stack().mayLoseTheLimitClose((ClientStack) cell.get()[0], (Transport) cell.get()[2])
                && ((ClientStack) cell.get()[0]).mayLoseTheLimitCloseOverTls((Transport) cell.get()[2]));
    }

    Stream<Arguments> clientsThatCanPing() {
        return everyClient().filter(cell -> ((ClientStack) cell.get()[0]).canPing());
    }

    /** The cells of the compressed table: every client that offers permessage-deflate. */
    Stream<Arguments> compressedCells() {
        return everyClient().filter(cell -> cell.get()[2] == Transport.DEFLATE);
    }

    /** The transports this server does not run over. */
    Stream<Arguments> transportsNotRunOver() {
        return Arrays.stream(Transport.values()).filter(transport -> !stack().supports(transport))
                .map(transport -> Arguments.of(stack(), transport));
    }

    @ParameterizedTest(name = "{0} client -> {1} server over {2}: ASCII and multi-byte UTF-8 text")
    @MethodSource("everyClient")
    void text(ClientStack client, ServerStack server, Transport transport) throws Exception {
        try (OpenClient open = connect(client, transport)) {
            open.session().sendText(ASCII);
            open.session().sendText(MULTI_BYTE);

            assertThat(open.events().nextText()).as(cell(client, transport)).isEqualTo(server.echoOf(ASCII));
            assertThat(open.events().nextText()).as(cell(client, transport)).isEqualTo(server.echoOf(MULTI_BYTE));
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server over {2}: binary, every byte value")
    @MethodSource("everyClient")
    void binary(ClientStack client, ServerStack server, Transport transport) throws Exception {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        try (OpenClient open = connect(client, transport)) {
            open.session().sendBinary(everyByte);

            assertThat(open.events().nextBinary()).as(cell(client, transport)).isEqualTo(everyByte);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server over {2}: 1 MiB binary, exactly the limit")
    @MethodSource("cellsThatTakeTheLimit")
    void oneMebibyte(ClientStack client, ServerStack server, Transport transport) throws Exception {
        byte[] data = randomBytes(Limits.MAX_MESSAGE_BYTES);
        try (OpenClient open = connect(client, transport)) {
            open.session().sendBinary(data);

            byte[] echo = open.events().nextBinary();
            assertThat(echo.length).as(cell(client, transport) + ": echo length").isEqualTo(data.length);
            assertThat(Arrays.mismatch(echo, data)).as(cell(client, transport) + ": first byte that differs").isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server over {2}: one byte over the limit is closed with 1009")
    @MethodSource("clientsThatHearTheLimitClose")
    void overTheLimit(ClientStack client, ServerStack server, Transport transport) throws Exception {
        try (OpenClient open = connect(client, transport)) {
            try {
                open.session().sendBinary(randomBytes(Limits.MAX_MESSAGE_BYTES + 1));
            } catch (Exception e) {
                // The server may close before the last bytes are written (a blocking client's send
                // then fails); what the cell checks is that the client hears the 1009.
            }

            RecordedEvents.Close close = open.events().awaitClose();
            assertThat(close.code()).as(cell(client, transport) + ": " + close + ", errors " + open.events().errors())
                    .isEqualTo(MESSAGE_TOO_BIG);
        }
    }

    /**
     * Tyrus's client over TLS ({@link ClientStack#mayLoseTheLimitCloseOverTls}): the server's Close
     * 1009, or now and then 1006, when the client ends the connection at the server's close_notify
     * without reporting the Close that came just before it.
     */
    @ParameterizedTest(name = "{0} client -> {1} server over {2} (client's deviation): one byte over the limit is closed with 1009, "
            + "or 1006 when the client ends at the server''s close_notify first", allowZeroInvocations = true)
    @MethodSource("clientsThatMayLoseTheLimitCloseOverTls")
    void overTheLimitOverTlsMayEndIn1006(ClientStack client, ServerStack server, Transport transport) throws Exception {
        try (OpenClient open = connect(client, transport)) {
            try {
                open.session().sendBinary(randomBytes(Limits.MAX_MESSAGE_BYTES + 1));
            } catch (Exception e) {
                // The server may close before the last bytes are written.
            }

            RecordedEvents.Close close = open.events().awaitClose();
            assertThat(close.code()).as(cell(client, transport) + ": " + close + ", errors " + open.events().errors())
                    .isIn(MESSAGE_TOO_BIG, CloseCodes.ABNORMAL_CLOSURE);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server over {2}: Ping answered by a Pong with the same payload")
    @MethodSource("clientsThatCanPing")
    void pingPong(ClientStack client, ServerStack server, Transport transport) throws Exception {
        byte[] payload = "are you there?".getBytes(StandardCharsets.UTF_8);
        try (OpenClient open = connect(client, transport)) {
            PingingSession pinging = (PingingSession) open.session();

            byte[] pong = pinging.ping(payload).get(RecordedEvents.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(pong).as(cell(client, transport)).isEqualTo(payload);
            open.session().sendText(ASCII);
            assertThat(open.events().nextText()).as(cell(client, transport) + ": still open after the Pong")
                    .isEqualTo(server.echoOf(ASCII));
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server over {2}: Close 1000 echoed")
    @MethodSource("everyClient")
    void normalClosure(ClientStack client, ServerStack server, Transport transport) throws Exception {
        try (OpenClient open = connect(client, transport)) {
            open.session().sendClose(CloseCodes.NORMAL_CLOSURE, "bye");

            assertThat(open.events().awaitClose().code()).as(cell(client, transport)).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server over {2}: Close 4321 (an application''s code) echoed")
    @MethodSource("everyClient")
    void applicationCloseCode(ClientStack client, ServerStack server, Transport transport) throws Exception {
        try (OpenClient open = connect(client, transport)) {
            open.session().sendClose(APPLICATION_CLOSE_CODE, "done here");

            assertThat(open.events().awaitClose().code()).as(cell(client, transport)).isEqualTo(APPLICATION_CLOSE_CODE);
        }
    }

    @ParameterizedTest(name = "{0} client -> {1} server over {2}: permessage-deflate agreed, 256 KiB of JSON "
            + "compressed on the wire both ways and echoed", allowZeroInvocations = true)
    @MethodSource("compressedCells")
    void compressed(ClientStack client, ServerStack server, Transport transport) throws Exception {
        // The tap sits between the two, on the wire, where every client can be seen alike.
        try (WireTap tap = WireTap.between(servers.get(transport).localAddress());
             OpenClient open = connect(client, transport, transport.uri("127.0.0.1", tap.port(), stack().target()))) {
            open.session().sendText(COMPRESSIBLE);

            assertThat(open.events().nextText()).as(cell(client, transport)).isEqualTo(server.echoOf(COMPRESSIBLE));
            String agreed = tap.upgradeResponse().header("Sec-WebSocket-Extensions");
            assertThat(agreed).as(cell(client, transport) + ": the server's answer to the offer (RFC 7692 §5)")
                    .isNotNull().startsWith("permessage-deflate");
            assertThat(tap.firstDataFrameFromClient().rsv()).as(cell(client, transport)
                    + ": RSV1 on the client's message, compressed (RFC 7692 §6)").isEqualTo(Frame.RSV1);
            assertThat(tap.firstDataFrameFromServer().rsv()).as(cell(client, transport)
                    + ": RSV1 on the server's echo, compressed (RFC 7692 §6)").isEqualTo(Frame.RSV1);
            assertThat(tap.bytesFromClient()).as(cell(client, transport) + ": bytes the client sent, handshake included")
                    .isLessThan(COMPRESSED_WIRE_BYTES);
            assertThat(tap.bytesFromServer()).as(cell(client, transport) + ": bytes the server sent, handshake included")
                    .isLessThan(COMPRESSED_WIRE_BYTES);
        }
    }

    @ParameterizedTest(name = "{0} server over {1}: not offered, and a start with those settings is refused",
            allowZeroInvocations = true)
    @MethodSource("transportsNotRunOver")
    void refusesWhatItDoesNotRunOver(ServerStack server, Transport transport) {
        // Should the server learn the transport, this fails, and ServerStack#notOver must follow.
        assertThatThrownBy(() -> server.starter().start(transport.serverSettings(plainSettings(), certificate)).close())
                .as(server + " started over " + transport).isInstanceOf(Exception.class);
    }

    /** A client session and what it heard; closing it frees the client's socket and threads. */
    record OpenClient(EchoClientSession session, RecordedEvents events) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    /** The server of this row over a transport, started once for all its cells. */
    EchoServer server(Transport transport) {
        return servers.get(transport);
    }

    OpenClient connect(ClientStack client, Transport transport) throws Exception {
        InetSocketAddress address = servers.get(transport).localAddress();
        return connect(client, transport, transport.uri("127.0.0.1", address.getPort(), stack().target()));
    }

    private OpenClient connect(ClientStack client, Transport transport, URI uri) throws Exception {
        RecordedEvents events = new RecordedEvents();
        return new OpenClient(client.connect(uri, transport, certificate, events), events);
    }

    String cell(ClientStack client, Transport transport) {
        return client + " client -> " + stack() + " server over " + transport;
    }

    /** JSON lines of a chat, {@code size} characters (ASCII), as repetitive as a chat's JSON is. */
    static String compressibleJson(int size) {
        StringBuilder json = new StringBuilder(size + 100);
        for (int i = 0; json.length() < size; i++) {
            json.append("{\"type\":\"message\",\"from\":\"member-").append(i % 7)
                    .append("\",\"text\":\"hello, room ").append(i % 13).append("\",\"seq\":").append(i).append("}\n");
        }
        json.setLength(size);
        return json.toString();
    }

    static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(6455).nextBytes(data);
        return data;
    }
}
