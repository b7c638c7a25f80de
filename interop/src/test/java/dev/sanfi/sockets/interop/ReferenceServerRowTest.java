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
    @ParameterizedTest(name = "{0} client -> {1} server: upgrade request for the path and query of the URI")
    @MethodSource("everyClient")
    void requestTarget(ClientStack client, ServerStack server) throws Exception {
        ReferenceEchoServer reference = (ReferenceEchoServer) server();
        int before = reference.requestTargets().size();
        try (OpenClient open = connect(client)) {
            open.session().sendText(ASCII);
            // The echo comes after the server's onOpen, which recorded the target.
            assertThat(open.events().nextText()).as(cell(client)).isEqualTo(ASCII);

            assertThat(reference.requestTargets().subList(before, reference.requestTargets().size()))
                    .as(cell(client)).containsExactly(ServerStack.REFERENCE.target());
        }
    }

    /** The clients for which the over-the-limit cell is the deviation below. */
    Stream<Arguments> clientsThatMayLoseTheLimitClose() {
        return everyClient().filter(cell -> stack().mayLoseTheLimitClose((ClientStack) cell.get()[0]));
    }

    /**
     * The reference server's deviation, in the cell of the two clients it shows with: Java-WebSocket
     * closes its socket right after its Close 1009 ({@link LingeringCloseTest} shows it on the wire),
     * the reset reaches the client while it is still writing, and the JDK's and Java-WebSocket's
     * clients end at the failed write without reading the Close — 1006, now and then.
     */
    @ParameterizedTest(name = "{0} client -> {1} server (deviation): one byte over the limit is closed with 1009, "
            + "or 1006 when the server''s reset ends the client''s write first")
    @MethodSource("clientsThatMayLoseTheLimitClose")
    void overTheLimitMayEndIn1006(ClientStack client, ServerStack server) throws Exception {
        try (OpenClient open = connect(client)) {
            try {
                open.session().sendBinary(randomBytes(Limits.MAX_MESSAGE_BYTES + 1));
            } catch (Exception e) {
                // the reset, when it comes before the last bytes are written
            }

            RecordedEvents.Close close = open.events().awaitClose();
            assertThat(close.code()).as(cell(client) + ": " + close + ", errors " + open.events().errors())
                    .isIn(MESSAGE_TOO_BIG, CloseCodes.ABNORMAL_CLOSURE);
        }
    }
}
