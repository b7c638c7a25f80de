package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLineTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");
    private final EventLine lines = new EventLine(ZoneOffset.UTC);

    @Test
    void oneLinePerEvent() {
        MemberName alice = new MemberName("alice");
        assertThat(lines.format(ChatCodec.encode(new ChatEvent.Joined(1, alice, AT)))).containsExactly("#1 10:15:30 * alice joined");
        assertThat(lines.format(ChatCodec.encode(new ChatEvent.Message(2, alice, "<img src=x onerror=alert(1)>", AT))))
                .containsExactly("#2 10:15:30 <alice> <img src=x onerror=alert(1)>");
        assertThat(lines.format(ChatCodec.encode(new ChatEvent.Left(3, alice, AT)))).containsExactly("#3 10:15:30 * alice left");
        assertThat(lines.format(ChatCodec.encode(new ChatEvent.Error("empty text")))).containsExactly("! empty text");
        assertThat(lines.format("{\"type\":\"surprise\"}")).containsExactly("? {\"type\":\"surprise\"}");
    }

    @Test
    void aWelcomeShowsWhoIsHereAndTheHistory() {
        MemberName bob = new MemberName("bob");
        String welcome = ChatCodec.encode(new ChatEvent.Welcome(bob, "t", List.of(new MemberName("alice"), bob), 4, false,
                List.of(new ChatEvent.Message(4, new MemberName("alice"), "hi", AT))));
        assertThat(lines.format(welcome)).containsExactly("* welcome, bob - here: alice, bob", "#4 10:15:30 <alice> hi");
    }

    @Test
    void aWelcomeBackSaysWhenEventsWereMissedBeyondTheHistory() {
        MemberName bob = new MemberName("bob");
        String welcome = ChatCodec.encode(new ChatEvent.Welcome(bob, "t", List.of(bob), 2000, true,
                List.of(new ChatEvent.Left(2000, new MemberName("alice"), AT))));
        assertThat(lines.format(welcome)).containsExactly("* welcome, bob - here: bob",
                "* (missed more events than the server keeps; the oldest are not shown)", "#2000 10:15:30 * alice left");
    }

    @Test
    void controlCharactersCannotDriveTheTerminal() {
        String text = "\u001b[2J\rgotcha\u0007";
        assertThat(lines.format(ChatCodec.encode(new ChatEvent.Message(5, new MemberName("eve"), text, AT))))
                .containsExactly("#5 10:15:30 <eve> \uFFFD[2J\uFFFDgotcha\uFFFD");
    }
}
