package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.testkit.Close;
import java.io.IOException;

/** What a seamless resume looks like from outside, on one node or across nodes. */
final class SeamlessResume {

    private SeamlessResume() {
    }

    /**
     * The old connection is closed with 4000 "replaced"; nobody saw a left or joined for the member;
     * the room goes on at the next seq for the others and for the member that came back.
     *
     * @param old   the member's connection before it came back
     * @param other another member of the room
     * @param back  the member's new connection
     * @param last  the room's last seq before the resume
     */
    static void assertSeamless(WireMember old, WireMember other, WireMember back, long last) throws IOException, InterruptedException {
        Close close = old.eventsUntilClose();
        assertThat(close.code()).isEqualTo(ChatLimits.CLOSE_REPLACED);
        assertThat(close.reason()).isEqualTo("replaced");

        other.sendMessage("welcome back");
        JsonNode next = other.nextEvent();
        assertThat(next.path("text").asText()).as("no left or joined for the member came before it").isEqualTo("welcome back");
        assertThat(next.path("seq").asLong()).isEqualTo(last + 1);
        assertThat(back.nextEvent().path("seq").asLong()).isEqualTo(last + 1);
    }
}
