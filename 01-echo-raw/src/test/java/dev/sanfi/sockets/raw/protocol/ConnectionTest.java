package dev.sanfi.sockets.raw.protocol;

import static dev.sanfi.sockets.raw.WireBytes.ascii;
import static dev.sanfi.sockets.raw.WireBytes.concat;
import static dev.sanfi.sockets.raw.WireBytes.counting;
import static dev.sanfi.sockets.raw.WireBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.ClosePayload;
import dev.sanfi.sockets.raw.Message;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.deflate.MessageDeflater;
import dev.sanfi.sockets.raw.deflate.MessageInflater;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The connection's rules, bytes in and bytes out, without a socket: the examples of RFC 6455 §5.7
 * byte for byte, the closing handshake both ways from both sides, and failing in mid-message.
 *
 * <p>The client's masking key is the one of §5.7, {@code 37 fa 21 3d}. Frames a client sends to a
 * server in the other tests are masked with the key {@code 00 00 00 00}: legal (the MASK bit is
 * set), and their payload stays readable in the literal bytes.
 */
class ConnectionTest {

    private static final int LIMIT = 1024 * 1024;
    /** §5.7's masking key. */
    private static final int RFC_KEY = 0x37fa213d;

    private static Connection server() {
        return Connection.forServer(LIMIT);
    }

    private static Connection client() {
        return Connection.forClient(LIMIT, () -> RFC_KEY);
    }

    private static byte[] sent(Connection connection) {
        ByteBuffer bytes = connection.bytesToSend();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return array;
    }

    @Nested
    @DisplayName("RFC 6455 §5.7, byte for byte")
    class RfcExamples {

        @Test
        @DisplayName("a single-frame masked text message from a client is the message \"Hello\"; nothing is answered")
        void maskedTextFromAClient() {
            Connection server = server();
            List<Event> events = server.receive(of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
            assertThat(events).singleElement().satisfies(event -> assertText(event, "Hello"));
            assertThat(sent(server)).isEmpty();
            assertThat(server.state()).isEqualTo(CloseState.OPEN);
        }

        @Test
        @DisplayName("a single-frame unmasked text message: what a server sends for \"Hello\", and what a client reads")
        void unmaskedText() {
            Connection server = server();
            assertThat(server.send(Opcode.TEXT, ascii("Hello"))).isTrue();
            byte[] wire = sent(server);
            assertThat(wire).isEqualTo(of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
            assertThat(client().receive(wire)).singleElement().satisfies(event -> assertText(event, "Hello"));
        }

        @Test
        @DisplayName("a client sends \"Hello\" masked with 37 fa 21 3d")
        void clientMasksText() {
            Connection client = client();
            client.send(Opcode.TEXT, ascii("Hello"));
            assertThat(sent(client)).isEqualTo(of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
        }

        @Test
        @DisplayName("a fragmented unmasked text message is one message, \"Hello\"")
        void fragmentedText() {
            Connection client = client();
            assertThat(client.receive(of(0x01, 0x03, 0x48, 0x65, 0x6c))).isEmpty();
            assertThat(client.receive(of(0x80, 0x02, 0x6c, 0x6f))).singleElement().satisfies(event -> assertText(event, "Hello"));
        }

        @Test
        @DisplayName("an unmasked Ping \"Hello\" is answered with the masked Pong \"Hello\" of §5.7")
        void pingIsAnsweredWithTheMaskedPong() {
            Connection client = client();
            List<Event> events = client.receive(of(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
            assertThat(events).singleElement().isInstanceOfSatisfying(Event.PingReceived.class,
                    ping -> assertThat(ping.payload()).isEqualTo(ascii("Hello")));
            assertThat(sent(client)).isEqualTo(of(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
        }

        @Test
        @DisplayName("a server answers a client's masked Ping \"Hello\" with the unmasked Pong 8a 05 \"Hello\"")
        void serverAnswersPing() {
            Connection server = server();
            server.receive(of(0x89, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
            assertThat(sent(server)).isEqualTo(of(0x8a, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        }

        @Test
        @DisplayName("256 bytes of binary data in a single unmasked frame: 82 7e 01 00, then the bytes")
        void binaryWith16BitLength() {
            Connection server = server();
            server.send(Opcode.BINARY, counting(256));
            assertThat(sent(server)).isEqualTo(concat(of(0x82, 0x7e, 0x01, 0x00), counting(256)));
        }

        @Test
        @DisplayName("64 KiB of binary data in a single unmasked frame: 82 7f 00 00 00 00 00 01 00 00, then the bytes")
        void binaryWith64BitLength() {
            Connection server = server();
            server.send(Opcode.BINARY, counting(65536));
            byte[] wire = sent(server);
            assertThat(wire).startsWith(of(0x82, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00)).hasSize(10 + 65536);
            assertThat(client().receive(wire)).singleElement().isInstanceOfSatisfying(Event.MessageReceived.class,
                    m -> assertThat(m.message().payload()).isEqualTo(counting(65536)));
        }
    }

    @Nested
    @DisplayName("the closing handshake (§5.5.1, §7.1), both ways, from both sides")
    class ClosingHandshake {

        @Test
        @DisplayName("server, the client closes: its Close 1000 is echoed (88 02 03 e8), FIN follows, then the client's FIN ends it")
        void serverAnswersTheClientsClose() {
            Connection server = server();
            List<Event> events = server.receive(of(0x88, 0x82, 0x37, 0xfa, 0x21, 0x3d, 0x34, 0x12));   // Close 1000, masked
            assertThat(events).containsExactly(new Event.CloseReceived(new ClosePayload(1000, "")));
            assertThat(sent(server)).isEqualTo(of(0x88, 0x02, 0x03, 0xe8));
            assertThat(server.state()).isEqualTo(CloseState.CLOSING);
            assertThat(server.shouldShutdownOutput()).as("§7.1.1: the server closes TCP first").isTrue();
            assertThat(server.expectsPeerToCloseTcp()).isTrue();

            assertThat(server.receive(maskedWithZeroKey(0x81, ascii("too late")))).as("§5.5.1: nothing after a Close is read").isEmpty();
            assertThat(server.send(Opcode.TEXT, ascii("no"))).isFalse();
            assertThat(sent(server)).isEmpty();

            server.receiveEof();
            assertThat(server.state()).isEqualTo(CloseState.CLOSED);
            assertThat(server.expectsPeerToCloseTcp()).isFalse();
            assertThat(server.closeReceived()).isEqualTo(new ClosePayload(1000, ""));
            assertThat(server.closeSent()).isEqualTo(new ClosePayload(1000, ""));
        }

        @Test
        @DisplayName("server, the server closes (1001): 88 02 03 e9, messages still read, the client's Close is not answered again")
        void serverClosesFirst() {
            Connection server = server();
            server.close(CloseCode.GOING_AWAY.code(), "");
            assertThat(sent(server)).isEqualTo(of(0x88, 0x02, 0x03, 0xe9));
            assertThat(server.state()).isEqualTo(CloseState.CLOSING);
            assertThat(server.shouldShutdownOutput()).isTrue();

            List<Event> events = server.receive(concat(maskedWithZeroKey(0x81, ascii("in flight")),
                    of(0x88, 0x82, 0x37, 0xfa, 0x21, 0x3d, 0x34, 0x13)));                              // Close 1001, masked
            assertThat(events).hasSize(2);
            assertText(events.get(0), "in flight");
            assertThat(events.get(1)).isEqualTo(new Event.CloseReceived(new ClosePayload(1001, "")));
            assertThat(sent(server)).as("our Close went first: this one was its answer").isEmpty();
            server.close(CloseCode.NORMAL_CLOSURE.code(), "again");
            assertThat(sent(server)).as("a Close is sent once").isEmpty();

            server.receiveEof();
            assertThat(server.state()).isEqualTo(CloseState.CLOSED);
        }

        @Test
        @DisplayName("client, the client closes: 88 82 37 fa 21 3d 34 12, no FIN of its own, it waits for the server's")
        void clientClosesFirst() {
            Connection client = client();
            client.close(1000, "");
            assertThat(sent(client)).isEqualTo(of(0x88, 0x82, 0x37, 0xfa, 0x21, 0x3d, 0x34, 0x12));
            assertThat(client.shouldShutdownOutput()).as("§7.1.1: the client waits for the server to close TCP").isFalse();
            assertThat(client.expectsPeerToCloseTcp()).isTrue();

            assertThat(client.receive(of(0x88, 0x02, 0x03, 0xe8))).containsExactly(new Event.CloseReceived(new ClosePayload(1000, "")));
            assertThat(sent(client)).isEmpty();
            assertThat(client.expectsPeerToCloseTcp()).isTrue();
            client.receiveEof();
            assertThat(client.state()).isEqualTo(CloseState.CLOSED);
        }

        @Test
        @DisplayName("client, the server closes (1001): the client answers 88 82 37 fa 21 3d 34 13 and waits for the FIN")
        void clientAnswersTheServersClose() {
            Connection client = client();
            assertThat(client.receive(of(0x88, 0x02, 0x03, 0xe9))).containsExactly(new Event.CloseReceived(new ClosePayload(1001, "")));
            assertThat(sent(client)).isEqualTo(of(0x88, 0x82, 0x37, 0xfa, 0x21, 0x3d, 0x34, 0x13));
            assertThat(client.state()).isEqualTo(CloseState.CLOSING);
            assertThat(client.shouldShutdownOutput()).isFalse();
            assertThat(client.expectsPeerToCloseTcp()).isTrue();
        }

        @Test
        @DisplayName("an empty Close is answered with an empty Close (88 00)")
        void emptyClose() {
            Connection server = server();
            assertThat(server.receive(of(0x88, 0x80, 0x37, 0xfa, 0x21, 0x3d)))
                    .containsExactly(new Event.CloseReceived(ClosePayload.EMPTY));
            assertThat(sent(server)).isEqualTo(of(0x88, 0x00));
        }

        @Test
        @DisplayName("the end of the stream with no Close: closed, nothing received (reported as 1006), nothing expected")
        void eofWithoutClose() {
            Connection server = server();
            server.receiveEof();
            assertThat(server.state()).isEqualTo(CloseState.CLOSED);
            assertThat(server.closeReceived()).isNull();
            assertThat(server.expectsPeerToCloseTcp()).isFalse();
            assertThat(sent(server)).isEmpty();
        }

        @Test
        @DisplayName("after our Close nothing else is sent: no Pong, no message (§5.5.1)")
        void nothingAfterOurClose() {
            Connection server = server();
            server.close(1000, "bye");
            sent(server);
            server.receive(maskedWithZeroKey(0x89, ascii("ping?")));
            assertThat(server.send(Opcode.BINARY, new byte[1])).isFalse();
            assertThat(sent(server)).isEmpty();
        }

        @Test
        @DisplayName("codes that may not be sent (§7.4) are refused by close(code, reason)")
        void closeRefusesReservedCodes() {
            assertThatThrownBy(() -> server().close(1006, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> server().send(Opcode.CLOSE, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("failing the connection (§7.1.7), also in mid-message")
    class Failing {

        /** The Close a server fails with: 88, the length, the code, the reason. */
        private byte[] serverClose(int code, String reason) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            return concat(of(0x88, 2 + text.length, code >> 8, code & 0xFF), text);
        }

        private void assertFailed(Connection server, List<Event> events, CloseCode code) {
            assertThat(events).last().isInstanceOfSatisfying(Event.Failed.class, failed -> {
                assertThat(failed.code()).isEqualTo(code);
                assertThat(sent(server)).isEqualTo(serverClose(code.code(), failed.reason()));
            });
            assertThat(server.state()).isEqualTo(CloseState.CLOSING);
            assertThat(server.shouldShutdownOutput()).isTrue();
            assertThat(server.expectsPeerToCloseTcp()).as("it reads on until the client hangs up (a lingering close)").isTrue();
            assertThat(server.receive(concat(maskedWithZeroKey(0x89, ascii("?")), of(0x88, 0x80, 0, 0, 0, 0))))
                    .as("after failing, every byte is ignored: no Pong, no Close").isEmpty();
            assertThat(sent(server)).isEmpty();
        }

        @Test
        @DisplayName("1007: invalid UTF-8 in the second fragment of a text message, as soon as it arrives")
        void invalidUtf8InMidMessage() {
            Connection server = server();
            assertThat(server.receive(of(0x01, 0x83, 0, 0, 0, 0, 0x48, 0x65, 0x6c))).isEmpty();     // "Hel", not final
            List<Event> events = server.receive(of(0x00, 0x82, 0, 0, 0, 0, 0x6c, 0xff));              // "l", then FF
            assertFailed(server, events, CloseCode.INVALID_PAYLOAD_DATA);
        }

        @Test
        @DisplayName("1002: a new text frame before the fragmented message is finished")
        void newMessageInMidMessage() {
            Connection server = server();
            server.receive(of(0x01, 0x83, 0, 0, 0, 0, 0x48, 0x65, 0x6c));
            assertFailed(server, server.receive(of(0x81, 0x81, 0, 0, 0, 0, 0x21)), CloseCode.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("1009: fragments that add up to more than the limit, failed at the fragment that crosses it")
        void tooBigInMidMessage() {
            Connection server = Connection.forServer(10);
            assertThat(server.receive(concat(of(0x02, 0x88, 0, 0, 0, 0), new byte[8]))).isEmpty();
            assertFailed(server, server.receive(concat(of(0x80, 0x84, 0, 0, 0, 0), new byte[4])), CloseCode.MESSAGE_TOO_BIG);
        }

        @Test
        @DisplayName("1009 from a frame header alone, before any of its payload")
        void tooBigFromTheHeader() {
            Connection server = Connection.forServer(10);
            assertFailed(server, server.receive(of(0x82, 0x8b, 0, 0, 0, 0)), CloseCode.MESSAGE_TOO_BIG);
        }

        @Test
        @DisplayName("1002: a Close with a code that may not be sent (1005)")
        void closeWithAReservedCode() {
            Connection server = server();
            assertFailed(server, server.receive(of(0x88, 0x82, 0, 0, 0, 0, 0x03, 0xed)), CloseCode.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("1002: an unmasked frame from a client")
        void unmaskedFromAClient() {
            Connection server = server();
            assertFailed(server, server.receive(of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f)), CloseCode.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("in one read: the echo of the message before the error goes out first, the Ping after it gets no Pong")
        void framesBeforeTheErrorAreAnsweredInOrder() {
            Connection server = server();
            List<Event> events = new ArrayList<>();
            server.receive(ByteBuffer.wrap(concat(maskedWithZeroKey(0x81, ascii("fine")), of(0x83, 0x80, 0, 0, 0, 0),
                    maskedWithZeroKey(0x89, new byte[] {1}))), event -> {
                        events.add(event);
                        if (event instanceof Event.MessageReceived received) {
                            server.send(received.message().opcode(), received.message().payload());   // the echo
                        }
                    });
            assertThat(events).hasSize(2);
            assertText(events.get(0), "fine");
            Event.Failed failed = (Event.Failed) events.get(1);
            assertThat(failed.code()).isEqualTo(CloseCode.PROTOCOL_ERROR);
            assertThat(sent(server)).isEqualTo(concat(of(0x81, 0x04), ascii("fine"), serverClose(1002, failed.reason())));
        }

        @Test
        @DisplayName("a Ping between two fragments is answered at once; the message comes after")
        void pingBetweenFragments() {
            Connection server = server();
            List<Event> events = server.receive(concat(of(0x01, 0x83, 0, 0, 0, 0, 0x48, 0x65, 0x6c),
                    maskedWithZeroKey(0x89, ascii("p")), of(0x80, 0x82, 0, 0, 0, 0, 0x6c, 0x6f)));
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isInstanceOf(Event.PingReceived.class);
            assertText(events.get(1), "Hello");
            assertThat(sent(server)).isEqualTo(of(0x8a, 0x01, 0x70));
        }

        @Test
        @DisplayName("failWith: the shell's own reason (1011) is sent once, and input is ignored from then on")
        void failWith() {
            Connection server = server();
            server.failWith(CloseCode.INTERNAL_ERROR, "");
            assertThat(sent(server)).isEqualTo(of(0x88, 0x02, 0x03, 0xf3));
            assertThat(server.receive(of(0x88, 0x80, 0, 0, 0, 0))).isEmpty();
            assertThat(server.closeReceived()).isNull();
        }
    }

    @Nested
    @DisplayName("RFC 7692, permessage-deflate agreed")
    class PermessageDeflate {

        /** §7.2.3.1: "Hello" compressed, the tail stripped. */
        private static final byte[] HELLO = of(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);

        private Connection server(DeflateParameters agreed) {
            return Connection.forServer(LIMIT, agreed);
        }

        @Test
        @DisplayName("§7.2.3.1-2: the server sends Hello as c1 07 f2 48 cd c9 c9 07 00, the next as c1 05 f2 00 11 00 00")
        void serverCompressesLikeTheRfc() {
            Connection server = server(DeflateParameters.DEFAULT);
            server.send(Opcode.TEXT, ascii("Hello"));
            assertThat(sent(server)).isEqualTo(concat(of(0xc1, 0x07), HELLO));
            server.send(Opcode.TEXT, ascii("Hello"));
            assertThat(sent(server)).as("§7.2.3.2: the shared window").isEqualTo(of(0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00));
            server.send(Opcode.PING, ascii("p"));
            assertThat(sent(server)).as("§6.1: control frames are never compressed").isEqualTo(of(0x89, 0x01, 0x70));
        }

        @Test
        @DisplayName("§7.1.1.1: with server_no_context_takeover every Hello is the same 7 bytes")
        void serverNoContextTakeover() {
            Connection server = server(new DeflateParameters(true, false, 0, 0));
            for (int i = 0; i < 3; i++) {
                server.send(Opcode.TEXT, ascii("Hello"));
                assertThat(sent(server)).isEqualTo(concat(of(0xc1, 0x07), HELLO));
            }
        }

        @Test
        @DisplayName("§7.2.3.1-2: a client reads the RFC's frames: c1 07 ..., then 41 03 f2 48 cd + 80 04 c9 c9 07 00, then c1 05 f2 00 11 00 00")
        void clientReadsTheRfcFrames() {
            Connection client = Connection.forClient(LIMIT, () -> RFC_KEY, DeflateParameters.DEFAULT);
            List<Event> events = client.receive(concat(of(0xc1, 0x07), HELLO, of(0x41, 0x03, 0xf2, 0x48, 0xcd),
                    of(0x80, 0x04, 0xc9, 0xc9, 0x07, 0x00), of(0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00)));
            assertThat(events).hasSize(3).allSatisfy(event -> assertText(event, "Hello"));
        }

        @Test
        @DisplayName("§6: the server reads compressed and plain messages from a client, a Ping between compressed fragments too")
        void serverReadsCompressedAndPlain() {
            Connection server = server(DeflateParameters.DEFAULT);
            List<Event> events = server.receive(concat(maskedWithZeroKey(0xc1, HELLO), maskedWithZeroKey(0x81, ascii("plain")),
                    concat(of(0x41, 0x83, 0, 0, 0, 0), java.util.Arrays.copyOf(HELLO, 3)), maskedWithZeroKey(0x89, ascii("p")),
                    concat(of(0x80, 0x84, 0, 0, 0, 0), java.util.Arrays.copyOfRange(HELLO, 3, 7))));
            assertThat(events).hasSize(4);
            assertText(events.get(0), "Hello");
            assertText(events.get(1), "plain");
            assertThat(events.get(2)).isInstanceOf(Event.PingReceived.class);
            assertText(events.get(3), "Hello");
        }

        @Test
        @DisplayName("§6.1: RSV1 on a Ping, on a continuation, or RSV2 with deflate agreed: 1002")
        void misplacedRsv() {
            Connection ping = server(DeflateParameters.DEFAULT);
            assertFailed(ping, ping.receive(maskedWithZeroKey(0xc9, ascii("p"))), CloseCode.PROTOCOL_ERROR);
            Connection continuation = server(DeflateParameters.DEFAULT);
            assertThat(continuation.receive(concat(of(0x41, 0x83, 0, 0, 0, 0), java.util.Arrays.copyOf(HELLO, 3)))).isEmpty();
            assertFailed(continuation, continuation.receive(concat(of(0xc0, 0x84, 0, 0, 0, 0),
                    java.util.Arrays.copyOfRange(HELLO, 3, 7))), CloseCode.PROTOCOL_ERROR);
            Connection rsv2 = server(DeflateParameters.DEFAULT);
            assertFailed(rsv2, rsv2.receive(maskedWithZeroKey(0xa1, ascii("x"))), CloseCode.PROTOCOL_ERROR);
            Connection plain = ConnectionTest.server();
            assertFailed(plain, plain.receive(maskedWithZeroKey(0xc1, HELLO)), CloseCode.PROTOCOL_ERROR);
        }

        @Test
        @DisplayName("the limit counts inflated bytes: 1000 a's in a few bytes are a message at a limit of 1000; 1001 are 1009")
        void limitCountsInflatedBytes() {
            MessageDeflater deflater = new MessageDeflater(false);
            Connection atLimit = Connection.forServer(1000, DeflateParameters.DEFAULT);
            assertThat(atLimit.receive(maskedWithZeroKey(0xc1, deflater.compress(ascii("a".repeat(1000))))))
                    .singleElement().satisfies(event -> assertText(event, "a".repeat(1000)));
            Connection over = Connection.forServer(1000, DeflateParameters.DEFAULT);
            byte[] compressed = deflater.compress(ascii("a".repeat(1001)));
            assertThat(compressed.length).isLessThan(20);
            assertFailed(over, over.receive(maskedWithZeroKey(0xc1, compressed)), CloseCode.MESSAGE_TOO_BIG);
        }

        @Test
        @DisplayName("a compressed frame a little longer than the limit (incompressible bytes grow) is read, and is a message within it")
        void compressedFrameMayExceedTheLimit() {
            byte[] random = new byte[100];
            new java.util.Random(7692).nextBytes(random);
            byte[] compressed = new MessageDeflater(false).compress(random);
            assertThat(compressed.length).as("the test's premise").isGreaterThan(100);
            Connection server = Connection.forServer(100, DeflateParameters.DEFAULT);
            assertThat(server.receive(maskedWithZeroKey(0xc2, compressed))).singleElement()
                    .isInstanceOfSatisfying(Event.MessageReceived.class, received ->
                            assertThat(received.message().payload()).isEqualTo(random));
        }

        @Test
        @DisplayName("a MiB of random bytes in 2 KiB stored blocks, as Python's websockets sends it (limit + 2,561 bytes), is a message at the limit")
        void smallStoredBlocksAtTheLimit() {
            byte[] random = new byte[LIMIT];
            new java.util.Random(7692).nextBytes(random);
            byte[] compressed = storedBlocks(random, 2048);
            assertThat(compressed.length).as("the test's premise").isEqualTo(LIMIT + 2561);
            Connection server = server(DeflateParameters.DEFAULT);
            assertThat(server.receive(concat(longHeader(0xc2, compressed.length), compressed))).singleElement()
                    .isInstanceOfSatisfying(Event.MessageReceived.class, received ->
                            assertThat(received.message().payload()).isEqualTo(random));
            server.release();
        }

        @Test
        @DisplayName("a compressed frame longer than any zlib makes of a message at the limit fails with 1009 from its header")
        void compressedFrameOverTheBound() {
            Connection server = server(DeflateParameters.DEFAULT);
            assertFailed(server, server.receive(longHeader(0xc2, MessageInflater.maxCompressedBytes(LIMIT) + 1)),
                    CloseCode.MESSAGE_TOO_BIG);
        }

        @Test
        @DisplayName("a bomb: a kilobyte that would inflate to a MiB fails with 1009 at a limit of 64 KiB")
        void bomb() {
            byte[] bomb = new MessageDeflater(false).compress(new byte[1 << 20]);
            Connection server = Connection.forServer(64 * 1024, DeflateParameters.DEFAULT);
            byte[] header = of(0xc2, 0x80 | 126, bomb.length >> 8, bomb.length & 0xff, 0, 0, 0, 0);
            assertFailed(server, server.receive(concat(header, bomb)), CloseCode.MESSAGE_TOO_BIG);
        }

        @Test
        @DisplayName("a client whose window the server limits below 15 bits sends its messages uncompressed")
        void limitedClientWindowSendsUncompressed() {
            Connection client = Connection.forClient(LIMIT, () -> 0, new DeflateParameters(false, false, 0, 10));
            client.send(Opcode.TEXT, ascii("Hello"));
            assertThat(sent(client)).isEqualTo(concat(of(0x81, 0x85, 0, 0, 0, 0), ascii("Hello")));
            Connection full = Connection.forClient(LIMIT, () -> 0, DeflateParameters.DEFAULT);
            full.send(Opcode.TEXT, ascii("Hello"));
            assertThat(sent(full)).isEqualTo(concat(of(0xc1, 0x87, 0, 0, 0, 0), HELLO));
            full.release();
        }

        private void assertFailed(Connection server, List<Event> events, CloseCode code) {
            assertThat(events).last().isInstanceOfSatisfying(Event.Failed.class, failed ->
                    assertThat(failed.code()).as(failed.reason()).isEqualTo(code));
            assertThat(server.state()).isEqualTo(CloseState.CLOSING);
            server.release();
        }
    }

    private static void assertText(Event event, String text) {
        assertThat(event).isInstanceOfSatisfying(Event.MessageReceived.class, received -> {
            Message message = received.message();
            assertThat(message.isText()).isTrue();
            assertThat(message.text()).isEqualTo(text);
        });
    }

    /**
     * {@code message} as DEFLATE stored blocks of {@code blockBytes} each (RFC 1951 §3.2.4: a byte
     * of BFINAL 0 and BTYPE 00, then LEN and NLEN), ended by a sync flush whose empty block loses its
     * last four bytes (RFC 7692 §7.2.1): how zlib sends bytes it cannot compress.
     */
    private static byte[] storedBlocks(byte[] message, int blockBytes) {
        ByteBuffer out = ByteBuffer.allocate(message.length + (message.length / blockBytes + 1) * 5 + 1);
        for (int at = 0; at < message.length; at += blockBytes) {
            int length = Math.min(blockBytes, message.length - at);
            out.put((byte) 0).put((byte) length).put((byte) (length >> 8))
                    .put((byte) ~length).put((byte) (~length >> 8)).put(message, at, length);
        }
        out.put((byte) 0);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    /** The header of a final client frame with a 64-bit length (§5.2), masked with 00 00 00 00. */
    private static byte[] longHeader(int firstByte, long length) {
        ByteBuffer header = ByteBuffer.allocate(14).put((byte) firstByte).put((byte) (0x80 | 127)).putLong(length).putInt(0);
        return header.array();
    }

    /** A final client frame of this first byte, masked with 00 00 00 00 (so the payload is as given). */
    private static byte[] maskedWithZeroKey(int firstByte, byte[] payload) {
        return concat(of(firstByte, 0x80 | payload.length, 0, 0, 0, 0), payload);
    }
}
