package dev.sanfi.sockets.exercises.ch8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sanfi.sockets.chat.ChatCodec;
import dev.sanfi.sockets.chat.ChatEvent;
import dev.sanfi.sockets.chat.ChatRoom;
import dev.sanfi.sockets.chat.Inbound;
import dev.sanfi.sockets.chat.MemberName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chapter 8, exercise 1: a {@code /who} command, added in front of the room without changing it. A
 * member that sends the text {@code /who} gets {@code {"type":"who","members":[NAME,…]}}, to itself
 * alone: nothing is broadcast, nothing is numbered, the room never sees it. Everything else goes to
 * the room as before.
 *
 * <p>Who is in the room is known from the room's own events, as every page knows it: a
 * {@code welcome} lists everyone, a {@code joined} adds a name, a {@code left} removes it. Pure, like
 * the room: the test calls it with plain strings for connections.
 */
public final class WhoCommand<M> {

    /** What a call leads to: the room's outcome, or a private answer for one connection. */
    public sealed interface Answer<M> {
    }

    /** The room decided; the transport delivers its outcome as before. */
    public record FromRoom<M>(ChatRoom.Outcome<M> outcome) implements Answer<M> {
    }

    /** One text for one connection, outside the room's numbered events. */
    public record Private<M>(M to, String json) implements Answer<M> {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatRoom<M> room;
    /** In the order they joined, as the room's welcome lists them. */
    private final Set<MemberName> present = new LinkedHashSet<>();

    public WhoCommand(ChatRoom<M> room) {
        this.room = room;
    }

    public ChatRoom.Outcome<M> join(M connection, String name) {
        return observed(room.join(connection, name));
    }

    public ChatRoom.Outcome<M> leave(M connection) {
        return observed(room.leave(connection));
    }

    public Answer<M> receive(M connection, String text) {
        if (room.nameOf(connection).isPresent() && ChatCodec.decode(text) instanceof Inbound.Message message
                && message.text().strip().equals("/who")) {
            return new Private<>(connection, who());
        }
        return new FromRoom<>(observed(room.receive(connection, text)));
    }

    private ChatRoom.Outcome<M> observed(ChatRoom.Outcome<M> outcome) {
        for (ChatRoom.Delivery<M> delivery : outcome.deliveries()) {
            if (delivery.event() instanceof ChatEvent.Welcome welcome) {
                present.clear(); // the whole room, as of this welcome: the last member's leaving tells nobody
                present.addAll(welcome.members());
            } else if (delivery.event() instanceof ChatEvent.Joined joined) {
                present.add(joined.name());
            } else if (delivery.event() instanceof ChatEvent.Left left) {
                present.remove(left.name());
            }
        }
        return outcome;
    }

    private String who() {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "who");
        ArrayNode members = node.putArray("members");
        List.copyOf(present).forEach(name -> members.add(name.value()));
        return node.toString();
    }
}
