package dev.sanfi.sockets.spring.guard;

import dev.sanfi.sockets.common.CloseCodes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Whole messages for the handler, joined here from the parts Tomcat reads, with the limit counted
 * in bytes. Tomcat gives every session, the moment it opens, one buffer of
 * {@code maxBinaryMessageBufferSize} bytes and one of {@code maxTextMessageBufferSize} chars for a
 * whole-message handler: with a limit of 1 MiB that is 3 MiB held by every connection, idle or
 * not, and a few thousand idle connections fill the heap. A handler that takes partial messages
 * gets the message in parts of Tomcat's buffer instead ({@link #PART_SIZE}); this one joins them,
 * so that a message costs memory only while it is arriving, and refuses with 1009 the message
 * that grows past the limit (RFC 6455 §7.4.1). Counting the joined text in UTF-8 bytes also
 * makes the limit what it is on every other server: Tomcat's own counts chars.
 */
public final class WholeMessages {

    /** Tomcat's buffer per session, in bytes (binary) and chars (text): its own default, 8 KiB. */
    public static final int PART_SIZE = 8 * 1024;

    private static final String JOINING = WholeMessages.class.getName();

    private WholeMessages() {
    }

    /** The handler, with every text and binary message joined before it sees it. */
    public static WebSocketHandler joining(WebSocketHandler handler, int maxMessageBytes) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public boolean supportsPartialMessages() {
                return true;
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                if (!(message instanceof TextMessage || message instanceof BinaryMessage)) {
                    super.handleMessage(session, message);
                    return;
                }
                Map<String, Object> attributes = session.getAttributes();
                Joining joining = (Joining) attributes.get(JOINING);
                if (joining == null && message.isLast() && bytes(message) <= maxMessageBytes) {
                    super.handleMessage(session, message); // the common case: one part, nothing to copy
                    return;
                }
                if (joining == null) {
                    joining = new Joining(message instanceof TextMessage);
                    attributes.put(JOINING, joining);
                }
                if (joining == Joining.REFUSED) {
                    return; // the rest of a message already refused, read while the Close goes out
                }
                if (!joining.add(message, maxMessageBytes)) {
                    attributes.put(JOINING, Joining.REFUSED);
                    session.close(new CloseStatus(CloseCodes.MESSAGE_TOO_BIG,
                            "message over " + maxMessageBytes + " bytes"));
                    return;
                }
                if (message.isLast()) {
                    attributes.remove(JOINING);
                    super.handleMessage(session, joining.whole());
                }
            }
        };
    }

    /** A message's size in bytes: for text, what its chars take in UTF-8. */
    private static long bytes(WebSocketMessage<?> message) {
        if (message instanceof TextMessage text) {
            return utf8Bytes(text.getPayload());
        }
        return message.getPayloadLength();
    }

    /**
     * The UTF-8 length of chars, without encoding them. Each half of a surrogate pair counts 2, so
     * a pair split over two parts still counts the 4 bytes it takes (RFC 3629 §3).
     */
    static long utf8Bytes(CharSequence chars) {
        long bytes = chars.length();
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c >= 0x800) {
                bytes += Character.isSurrogate(c) ? 1 : 2;
            } else if (c >= 0x80) {
                bytes += 1;
            }
        }
        return bytes;
    }

    /** One message arriving in parts, and its size so far. */
    private static final class Joining {
        private final StringBuilder text;
        private final ByteArrayOutputStream binary;
        private long bytes;

        static final Joining REFUSED = new Joining(false);

        Joining(boolean isText) {
            this.text = isText ? new StringBuilder() : null;
            this.binary = isText ? null : new ByteArrayOutputStream();
        }

        /** Adds a part; false once the message would pass the limit (and nothing is kept). */
        boolean add(WebSocketMessage<?> part, int maxMessageBytes) {
            bytes += bytes(part);
            if (bytes > maxMessageBytes) {
                return false;
            }
            if (part instanceof TextMessage textPart) {
                text.append(textPart.getPayload());
            } else {
                ByteBuffer payload = ((BinaryMessage) part).getPayload();
                if (payload.hasArray()) {
                    binary.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
                } else {
                    byte[] copy = new byte[payload.remaining()];
                    payload.get(copy);
                    binary.writeBytes(copy);
                }
            }
            return true;
        }

        WebSocketMessage<?> whole() {
            return text != null ? new TextMessage(text) : new BinaryMessage(binary.toByteArray());
        }
    }
}
