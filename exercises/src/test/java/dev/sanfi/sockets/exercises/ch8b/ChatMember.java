package dev.sanfi.sockets.exercises.ch8b;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.chat.ChatCodec;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A chat member on the testkit's plain-socket client: the name in the URL, JSON events in text messages. */
final class ChatMember implements AutoCloseable {

    private final WireClient client;

    private ChatMember(WireClient client) {
        this.client = client;
    }

    static ChatMember join(int port, String name) throws IOException {
        return at(port, "/chat?name=" + name);
    }

    static ChatMember resume(int port, String name, String token, long since) throws IOException {
        return at(port, "/chat?name=" + name + "&token=" + token + "&since=" + since);
    }

    private static ChatMember at(int port, String target) throws IOException {
        WireClient client = WireClient.connect(new InetSocketAddress("127.0.0.1", port));
        try {
            client.upgrade(client.upgradeRequest().withTarget(target));
            return new ChatMember(client);
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    void say(String text) throws IOException {
        client.send(Frame.text(ChatCodec.encodeMessage(text)));
    }

    /** The next event of this type, skipping the others (each read waits at most WireClient's timeout). */
    JsonNode next(String type) throws IOException {
        while (true) {
            JsonNode event = ChatCodec.parse(client.readMessage().text());
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
