package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.DeflatePeer;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.ServerLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The chat with {@code server --deflate}: Java-WebSocket's permessage-deflate with the guard's
 * {@code GuardedDeflate}, against members that compress with the testkit's own {@link DeflatePeer}.
 */
class ChatDeflateTest {

    private static final String OFFER = "permessage-deflate";

    private final List<AutoCloseable> opened = new ArrayList<>();

    private ChatServer start(boolean deflate) throws Exception {
        ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1").withDeflate(deflate));
        opened.add(server);
        return server;
    }

    private WireMember join(ChatServer server, String name, String offer) throws Exception {
        WireMember member = offer == null ? WireMember.join(server.wsPort(), name)
                : WireMember.joinOffering(server.wsPort(), name, offer);
        opened.add(0, member); // members close before the server
        assertThat(member.nextEvent().path("type").asText()).isEqualTo("welcome");
        return member;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1: an offer is accepted, and always answered with server_no_context_takeover")
    void offerIsAnswered() throws Exception {
        ChatServer server = start(true);

        assertThat(join(server, "alice", OFFER).responseHeader("Sec-WebSocket-Extensions"))
                .isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThat(join(server, "bob", "permessage-deflate; client_no_context_takeover; client_max_window_bits=12")
                .responseHeader("Sec-WebSocket-Extensions"))
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits=12");
    }

    @Test
    @DisplayName("RFC 7692 §7: an offer the server must decline is declined (the library took it), and the member stays plain")
    void badOffersAreDeclined() throws Exception {
        ChatServer server = start(true);

        for (String offer : List.of("permessage-deflate; server_max_window_bits=10", "permessage-deflate; x=1",
                "permessage-deflate; client_max_window_bits=abc")) {
            WireMember member = join(server, "m" + opened.size(), offer);
            assertThat(member.responseHeader("Sec-WebSocket-Extensions")).as(offer).isNull();
        }
    }

    @Test
    @DisplayName("without --deflate, the default, an offer gets no extension")
    void offByDefault() throws Exception {
        ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"));
        opened.add(server);

        assertThat(join(server, "alice", OFFER).responseHeader("Sec-WebSocket-Extensions")).isNull();
    }

    @Test
    @DisplayName("compressed and plain members chat: messages inflate, a long one goes out compressed once to every compressed member")
    void compressedAndPlainMembersChat() throws Exception {
        ChatServer server = start(true);
        WireMember alice = join(server, "alice", OFFER);
        WireMember bob = join(server, "bob", OFFER);
        WireMember carol = join(server, "carol", null);
        String longText = "the same words again and again, ".repeat(60); // about 1.9 KB: over the 1 KiB threshold
        // 2,000 random letters, the longest message the chat takes: about 1.2 KB compressed, still over
        // the threshold, where the library would compress the shared frame again for the next member.
        java.util.Random random = new java.util.Random(8);
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < ChatLimits.MAX_TEXT_CHARS; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }

        alice.sendCompressedMessage("hello, compressed");
        alice.sendCompressedMessage("hello, compressed again"); // refers back into the first (context takeover)
        alice.sendCompressedMessage(longText);
        alice.sendCompressedMessage(letters.toString());

        for (WireMember member : List.of(alice, bob, carol)) {
            assertThat(member.nextEvent("message").path("text").asText()).isEqualTo("hello, compressed");
            assertThat(member.nextEvent("message").path("text").asText()).isEqualTo("hello, compressed again");
            assertThat(member.nextEvent("message").path("text").asText()).isEqualTo(longText);
            assertThat(member.nextEvent("message").path("text").asText()).isEqualTo(letters.toString());
        }
        assertThat(alice.compressedEvents()).as("alice's compressed events").isPositive();
        assertThat(bob.compressedEvents()).as("bob's compressed events: the broadcast frame, compressed once").isPositive();
        assertThat(carol.compressedEvents()).as("carol offered nothing").isZero();
    }

    @Test
    @DisplayName("a welcome with history, over the threshold, comes compressed and inflates alone (server_no_context_takeover)")
    void welcomeComesCompressed() throws Exception {
        ChatServer server = start(true);
        WireMember alice = join(server, "alice", null);
        for (int i = 0; i < 20; i++) {
            alice.sendMessage("message number " + i + " of the history");
            alice.nextEvent("message");
        }
        WireMember bob = WireMember.joinOffering(server.wsPort(), "bob", OFFER);
        opened.add(0, bob);

        JsonNode welcome = bob.nextEvent();

        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.path("history")).hasSize(20);
        assertThat(bob.compressedEvents()).isEqualTo(1);
    }

    @Test
    @DisplayName("a bomb: one frame under 1 MiB that inflates to a GiB gets Close 1009 after about the limit, and nothing is logged")
    void oneFrameBombGets1009() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            ChatServer server = start(true);
            WireMember mallory = join(server, "mallory", OFFER);
            WireMember alice = join(server, "alice", OFFER);
            byte[] block = DeflatePeer.bombBlock(); // a kilobyte that inflates to a MiB of zeros
            byte[] bomb = new byte[block.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(block, 0, bomb, i * block.length, block.length);
            }

            mallory.sendInBackground(Frame.text(bomb).withRsv(Frame.RSV1).toBytes());

            assertThat(mallory.eventsUntilClose().code()).isEqualTo(1009);
            alice.sendCompressedMessage("the chat goes on");
            assertThat(alice.nextEvent("message").path("text").asText()).isEqualTo("the chat goes on");
            server.close();
            assertThat(log.stackTraceLines()).isEmpty();
        }
    }

    @Test
    @DisplayName("a bomb in small fragments gets Close 1009 where its inflated bytes pass the limit")
    void fragmentedBombGets1009() throws Exception {
        ChatServer server = start(true);
        WireMember mallory = join(server, "mallory", OFFER);
        byte[] block = DeflatePeer.bombBlock();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 64; i++) { // 64 MiB inflated, a block per fragment
            Frame fragment = i == 0 ? Frame.text(block).withRsv(Frame.RSV1) : Frame.continuation(block);
            frames.add(i < 63 ? fragment.notFinal() : fragment);
        }

        mallory.sendInBackground(Frame.concat(frames.toArray(Frame[]::new)));

        assertThat(mallory.eventsUntilClose().code()).isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 7692 §6: RSV1 on a continuation or a control frame, or RSV2, gets Close 1002 with no stack trace")
    void misplacedRsvBitsGet1002() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            ChatServer server = start(true);
            List<List<Frame>> cases = List.of(
                    List.of(Frame.text("{\"type\":").notFinal(), Frame.continuation("\"message\"}".getBytes()).withRsv(Frame.RSV1)),
                    List.of(Frame.ping(new byte[] {1}).withRsv(Frame.RSV1)),
                    List.of(Frame.text("{}").withRsv(Frame.RSV2)));
            for (List<Frame> frames : cases) {
                WireMember member = join(server, "m" + opened.size(), OFFER);
                for (Frame frame : frames) {
                    member.send(frame);
                }
                Close close = member.eventsUntilClose();
                assertThat(close.code()).as("%s", frames).isEqualTo(1002);
            }
            server.close();
            assertThat(log.stackTraceLines()).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.2: RSV1 on a connection that agreed to no extension gets Close 1002, with no stack trace")
    void rsv1WithoutTheExtensionGets1002() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            ChatServer server = start(false);
            WireMember member = join(server, "mallory", null);

            member.send(Frame.text("{}").withRsv(Frame.RSV1));

            assertThat(member.eventsUntilClose().code()).isEqualTo(1002);
            server.close();
            assertThat(log.stackTraceLines()).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.2: a compressed message that is not DEFLATE gets Close 1007")
    void notDeflateGets1007() throws Exception {
        ChatServer server = start(true);
        WireMember member = join(server, "mallory", OFFER);

        member.send(Frame.text(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}).withRsv(Frame.RSV1));

        assertThat(member.eventsUntilClose().code()).isEqualTo(1007);
    }
}
