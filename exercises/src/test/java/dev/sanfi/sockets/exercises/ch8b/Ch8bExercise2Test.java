package dev.sanfi.sockets.exercises.ch8b;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.chat.ChatServer;
import dev.sanfi.sockets.chat.ChatSettings;
import dev.sanfi.sockets.chat.ClusterSettings;
import dev.sanfi.sockets.chat.RedisAddress;
import dev.sanfi.sockets.testkit.LocalRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 8b, exercise 2: a message survives the loss of the node it was sent through. Node A is a
 * process of its own, killed with SIGKILL; node B runs in the test. Needs {@code redis-server}.
 */
class Ch8bExercise2Test {

    @Test
    @DisplayName("alice's message, once she saw it come back, outlives node A: bob has it, a newcomer's history has it, alice gets it back on B")
    void aMessageSurvivesItsNode() throws Exception {
        LocalRedis redis = LocalRedis.start();
        try (ChatNodeProcess a = ChatNodeProcess.start(redis.port());
                ChatServer b = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"),
                        ClusterSettings.defaults(new RedisAddress("127.0.0.1", redis.port())));
                ChatMember alice = ChatMember.join(a.wsPort(), "alice");
                ChatMember bob = ChatMember.join(b.wsPort(), "bob")) {
            String token = alice.next("welcome").path("token").asText();
            bob.next("welcome");

            alice.say("remember me");
            // Her own message, back from the stream: from now on it is in Redis, not only in node A.
            long seq = alice.next("message").path("seq").asLong();
            a.kill();

            assertThat(bob.next("message").path("text").asText()).isEqualTo("remember me");
            try (ChatMember carol = ChatMember.join(b.wsPort(), "carol")) {
                assertThat(texts(carol.next("welcome").path("history"))).containsExactly("remember me");
            }
            try (ChatMember back = ChatMember.resume(b.wsPort(), "alice", token, seq - 1)) {
                JsonNode welcome = back.next("welcome");
                assertThat(welcome.path("gap").asBoolean()).isFalse();
                assertThat(texts(welcome.path("history"))).as("every event after seq %d, once", seq - 1)
                        .containsExactly("remember me");
            }
        } finally {
            redis.close();
        }
    }

    /** The texts of the message events of a welcome's history, in order. */
    private static List<String> texts(JsonNode history) {
        List<String> texts = new ArrayList<>();
        history.forEach(event -> {
            if (event.path("type").asText().equals("message")) {
                texts.add(event.path("text").asText());
            }
        });
        return texts;
    }
}
