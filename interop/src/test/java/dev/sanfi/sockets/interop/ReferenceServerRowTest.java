package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.Limits;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("every client -> Java-WebSocket reference server")
class ReferenceServerRowTest extends EchoServerRow {

    @Override
    ServerStack stack() {
        return ServerStack.REFERENCE;
    }

    /**
     * The modules' servers only upgrade {@code /echo}; this one upgrades any path, and records it.
     * The check: the upgrade request asked for exactly the path and query of the client's URI.
     */
    @ParameterizedTest(name = "{0} client -> {1} server over {2}: upgrade request for the path and query of the URI")
    @MethodSource("everyClient")
    void requestTarget(ClientStack client, ServerStack server, Transport transport) throws Exception {
        ReferenceEchoServer reference = (ReferenceEchoServer) server(transport);
        int before = reference.requestTargets().size();
        try (OpenClient open = connect(client, transport)) {
            open.session().sendText(ASCII);
            // The echo comes after the server's onOpen, which recorded the target.
            assertThat(open.events().nextText()).as(cell(client, transport)).isEqualTo(ASCII);

            assertThat(reference.requestTargets().subList(before, reference.requestTargets().size()))
                    .as(cell(client, transport)).containsExactly(ServerStack.REFERENCE.target());
        }
    }

    /** The clients for which the over-the-limit cell is the deviation below. */
    Stream<Arguments> clientsThatMayLoseTheLimitClose() {
        return everyClient().filter(cell -> stack().mayLoseTheLimitClose((ClientStack) cell.get()[0], (Transport) cell.get()[2]));
    }

    /** The cells in which a message of exactly the limit is the deviation below. */
    Stream<Arguments> cellsThatCountCompressedBytes() {
        return everyClient().filter(cell -> stack().refusesTheLimitCompressed((ClientStack) cell.get()[0], (Transport) cell.get()[2]));
    }

    /**
     * The reference server's deviation with permessage-deflate: Java-WebSocket checks its limit
     * against each frame's payload as it arrives, compressed, and 1 MiB of random bytes compresses
     * to a little more than 1 MiB; the message that is exactly the limit, in one frame, gets 1009
     * (or 1006, when the server's reset, as above, ends the client's write first). The modules' servers count the
     * inflated message: the message that their limit names.
     */
    @ParameterizedTest(name = "{0} client -> {1} server over {2} (deviation): 1 MiB of random bytes, exactly the limit, "
            + "is refused with 1009 (or 1006), its limit counting the compressed frame")
    @MethodSource("cellsThatCountCompressedBytes")
    void theLimitCountsCompressedBytes(ClientStack client, ServerStack server, Transport transport) throws Exception {
        try (OpenClient open = connect(client, transport)) {
            try {
                open.session().sendBinary(randomBytes(Limits.MAX_MESSAGE_BYTES));
            } catch (Exception e) {
                // the reset, when it comes before the last bytes are written
            }

            RecordedEvents.Close close = open.events().awaitClose();
            assertThat(close.code()).as(cell(client, transport) + ": " + close + ", errors " + open.events().errors())
                    .isIn(MESSAGE_TOO_BIG, CloseCodes.ABNORMAL_CLOSURE);
        }
    }

    /**
     * The reference server's deviation, in the cell of the two clients it shows with: Java-WebSocket
     * closes its socket right after its Close 1009 ({@link LingeringCloseTest} shows it on the wire),
     * the reset reaches the client while it is still writing, and the JDK's and Java-WebSocket's
     * clients end at the failed write without reading the Close — 1006, now and then.
     */
    @ParameterizedTest(name = "{0} client -> {1} server over {2} (deviation): one byte over the limit is closed with 1009, "
            + "or 1006 when the server''s reset ends the client''s write first")
    @MethodSource("clientsThatMayLoseTheLimitClose")
    void overTheLimitMayEndIn1006(ClientStack client, ServerStack server, Transport transport) throws Exception {
        try (OpenClient open = connect(client, transport)) {
            try {
                open.session().sendBinary(randomBytes(Limits.MAX_MESSAGE_BYTES + 1));
            } catch (Exception e) {
                // the reset, when it comes before the last bytes are written
            }

            RecordedEvents.Close close = open.events().awaitClose();
            assertThat(close.code()).as(cell(client, transport) + ": " + close + ", errors " + open.events().errors())
                    .isIn(MESSAGE_TOO_BIG, CloseCodes.ABNORMAL_CLOSURE);
        }
    }
}
