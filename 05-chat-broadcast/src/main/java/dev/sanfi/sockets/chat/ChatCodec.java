package dev.sanfi.sockets.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The chat protocol's JSON, both ways. Events are built field by field, so the order of the
 * fields on the wire is the order written down in chapter 8.
 */
public final class ChatCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatCodec() {
    }

    /** The JSON text of one event, as sent in one WebSocket text message. */
    public static String encode(ChatEvent event) {
        try {
            return JSON.writeValueAsString(toNode(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // cannot happen for a tree of strings and numbers
        }
    }

    /** {@code {"type":"message","text":X}}, what a member sends; used by the clients. */
    public static String encodeMessage(String text) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "message");
        node.put("text", text);
        return node.toString();
    }

    /** Reads what a member sent; never throws, a refusal is an {@link Inbound.Invalid}. */
    public static Inbound decode(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Inbound.Invalid("malformed JSON");
        }
        if (node == null || !node.isObject()) {
            return new Inbound.Invalid("malformed JSON: expected an object like {\"type\":\"message\",\"text\":\"hi\"}");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual() || !type.textValue().equals("message")) {
            return new Inbound.Invalid("unknown type: " + (type == null ? "none" : type.toString())
                    + " (members send only \"message\")");
        }
        JsonNode body = node.get("text");
        if (body == null || !body.isTextual()) {
            return new Inbound.Invalid("text must be a string");
        }
        String message = body.textValue();
        int length = message.codePointCount(0, message.length());
        if (length == 0) {
            return new Inbound.Invalid("empty text");
        }
        if (length > ChatLimits.MAX_TEXT_CHARS) {
            return new Inbound.Invalid("text too long: " + length + " characters, at most " + ChatLimits.MAX_TEXT_CHARS);
        }
        return new Inbound.Message(message);
    }

    /** Parses an event the server sent; for clients, which print or check it. */
    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode toNode(ChatEvent event) {
        ObjectNode node = JSON.createObjectNode();
        if (event instanceof ChatEvent.Welcome welcome) {
            node.put("type", "welcome");
            node.put("you", welcome.you().value());
            node.put("token", welcome.token());
            ArrayNode members = node.putArray("members");
            welcome.members().forEach(name -> members.add(name.value()));
            node.put("lastSeq", welcome.lastSeq());
            node.put("gap", welcome.gap());
            ArrayNode history = node.putArray("history");
            welcome.history().forEach(old -> history.add(toNode(old)));
        } else if (event instanceof ChatEvent.Joined joined) {
            node.put("type", "joined");
            node.put("seq", joined.seq());
            node.put("name", joined.name().value());
            node.put("at", joined.at().toString());
        } else if (event instanceof ChatEvent.Left left) {
            node.put("type", "left");
            node.put("seq", left.seq());
            node.put("name", left.name().value());
            node.put("at", left.at().toString());
        } else if (event instanceof ChatEvent.Message message) {
            node.put("type", "message");
            node.put("seq", message.seq());
            node.put("from", message.from().value());
            node.put("text", message.text());
            node.put("at", message.at().toString());
        } else if (event instanceof ChatEvent.Error error) {
            node.put("type", "error");
            node.put("reason", error.reason());
        }
        return node;
    }
}
