package dev.sanfi.sockets.chat.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sanfi.sockets.chat.ChatCodec;
import dev.sanfi.sockets.chat.MemberName;

/**
 * What the first message of a connection decides when the chat asks for a token: it must be
 * {@code {"type":"auth","token":TOKEN}}, with a valid token ({@link AccessTokens}) for the name the
 * URL asked for, if it asked for one. The token names the member; the URL need not.
 */
public final class FirstMessage {

    /** The outcome: join under this name, or Close 1008 with this reason (RFC 6455 §7.4.1). */
    public sealed interface Admission {
        record Admitted(MemberName name) implements Admission {
        }

        record Refused(String reason) implements Admission {
        }
    }

    static final String REQUIRED = "authentication required: send {\"type\":\"auth\",\"token\":TOKEN} first";

    private FirstMessage() {
    }

    /** {@code {"type":"auth","token":TOKEN}}, what a client sends as soon as the connection is open. */
    public static String encode(String token) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "auth");
        node.put("token", token);
        return node.toString();
    }

    /**
     * @param text          the first message, or null when it was a binary one
     * @param requestedName the URL's {@code name} parameter, or null when it had none
     */
    public static Admission decide(String text, String requestedName, AccessTokens tokens) {
        JsonNode message;
        try {
            message = text == null ? null : ChatCodec.parse(text);
        } catch (IllegalArgumentException e) {
            message = null;
        }
        if (message == null || !message.path("type").asText().equals("auth") || !message.path("token").isTextual()) {
            return new Admission.Refused(REQUIRED);
        }
        AccessTokens.Check check = tokens.check(message.path("token").textValue());
        if (check instanceof AccessTokens.Check.Refused refused) {
            return new Admission.Refused(refused.reason());
        }
        MemberName name = ((AccessTokens.Check.Valid) check).name();
        if (requestedName != null && !requestedName.equals(name.value())) {
            return new Admission.Refused("the token is for " + name + ", not for the name in the URL");
        }
        return new Admission.Admitted(name);
    }
}
