package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON of chapter 8, byte for byte. */
class ChatCodecTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123Z");
    private static final MemberName ALICE = new MemberName("alice");
    private static final MemberName BOB = new MemberName("bob");

    @Test
    void events() {
        assertThat(ChatCodec.encode(new ChatEvent.Joined(7, BOB, AT)))
                .isEqualTo("{\"type\":\"joined\",\"seq\":7,\"name\":\"bob\",\"at\":\"2026-11-26T10:15:30.123Z\"}");
        assertThat(ChatCodec.encode(new ChatEvent.Left(8, BOB, AT)))
                .isEqualTo("{\"type\":\"left\",\"seq\":8,\"name\":\"bob\",\"at\":\"2026-11-26T10:15:30.123Z\"}");
        assertThat(ChatCodec.encode(new ChatEvent.Message(9, ALICE, "hi \"you\" <b>", AT)))
                .isEqualTo("{\"type\":\"message\",\"seq\":9,\"from\":\"alice\",\"text\":\"hi \\\"you\\\" <b>\","
                        + "\"at\":\"2026-11-26T10:15:30.123Z\"}");
        assertThat(ChatCodec.encode(new ChatEvent.Error("empty text")))
                .isEqualTo("{\"type\":\"error\",\"reason\":\"empty text\"}");
    }

    @Test
    void welcome() {
        ChatEvent.Welcome welcome = new ChatEvent.Welcome(BOB, "T0k3n", List.of(ALICE, BOB), 4, true,
                List.of(new ChatEvent.Message(3, ALICE, "hello", AT), new ChatEvent.Joined(4, BOB, AT)));
        assertThat(ChatCodec.encode(welcome)).isEqualTo("{\"type\":\"welcome\",\"you\":\"bob\",\"token\":\"T0k3n\","
                + "\"members\":[\"alice\",\"bob\"],\"lastSeq\":4,\"gap\":true,"
                + "\"history\":[{\"type\":\"message\",\"seq\":3,\"from\":\"alice\",\"text\":\"hello\","
                + "\"at\":\"2026-11-26T10:15:30.123Z\"},"
                + "{\"type\":\"joined\",\"seq\":4,\"name\":\"bob\",\"at\":\"2026-11-26T10:15:30.123Z\"}]}");
    }

    @Test
    void aMessageFromAMember() {
        assertThat(ChatCodec.decode("{\"type\":\"message\",\"text\":\"hi\"}")).isEqualTo(new Inbound.Message("hi"));
        assertThat(ChatCodec.decode("{\"text\":\"hi\",\"type\":\"message\",\"extra\":1}")).isEqualTo(new Inbound.Message("hi"));
        assertThat(ChatCodec.decode(ChatCodec.encodeMessage("<img src=x onerror=alert(1)>")))
                .isEqualTo(new Inbound.Message("<img src=x onerror=alert(1)>"));
        String longest = "😀".repeat(ChatLimits.MAX_TEXT_CHARS); // characters are code points, not UTF-16 units
        assertThat(ChatCodec.decode(ChatCodec.encodeMessage(longest))).isEqualTo(new Inbound.Message(longest));
    }

    @Test
    void badInput() {
        assertThat(reason("{")).startsWith("malformed JSON");
        assertThat(reason("")).startsWith("malformed JSON");
        assertThat(reason("\"message\"")).startsWith("malformed JSON");
        assertThat(reason("{\"type\":\"join\"}")).startsWith("unknown type: \"join\"");
        assertThat(reason("{\"type\":1}")).startsWith("unknown type: 1");
        assertThat(reason("{}")).startsWith("unknown type: none");
        assertThat(reason("{\"type\":\"message\",\"text\":null}")).isEqualTo("text must be a string");
        assertThat(reason("{\"type\":\"message\",\"text\":\"\"}")).isEqualTo("empty text");
        assertThat(reason(ChatCodec.encodeMessage("x".repeat(ChatLimits.MAX_TEXT_CHARS + 1))))
                .isEqualTo("text too long: 2001 characters, at most 2000");
    }

    private static String reason(String json) {
        return ((Inbound.Invalid) ChatCodec.decode(json)).reason();
    }
}
