package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.raw.deflate.MessageInflater;
import java.util.Arrays;

/**
 * Joins data frames into messages (RFC 6455 §5.4) and checks what a message must be: fragments in a
 * legal order, at most {@code maxMessageBytes} in all, and valid UTF-8 if it is text (§8.1).
 *
 * <p>A message is one TEXT or BINARY frame, then zero or more CONTINUATION frames; the last one has
 * FIN set. Control frames may come between fragments (§5.5); they never reach this class.
 *
 * <p>A compressed message (RFC 7692: RSV1 on its first frame) is inflated as its pieces arrive, and
 * every inflated step goes through the same checks as a plain fragment: the limit counts inflated
 * bytes, and is checked before each step is kept, so a small frame that would inflate to a gigabyte
 * costs no more than the limit and one {@link MessageInflater#STEP_BYTES} step.
 */
public final class MessageAssembler {

    /** A buffer grown for a big message is dropped afterwards if it is over this, so idle connections stay small. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    private final int maxMessageBytes;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** The inflater of an agreed permessage-deflate; null without compression. */
    private final MessageInflater inflater;

    /** TEXT or BINARY while a fragmented message is in progress; null between messages. */
    private Opcode messageOpcode;
    /** Whether the message in progress is compressed (RSV1 on its first frame). */
    private boolean compressed;
    private byte[] buffer = new byte[0];
    private int size;

    public MessageAssembler(int maxMessageBytes) {
        this(maxMessageBytes, null);
    }

    /** An assembler for a connection with permessage-deflate; {@code inflater} null for none. */
    public MessageAssembler(int maxMessageBytes, MessageInflater inflater) {
        this.maxMessageBytes = maxMessageBytes;
        this.inflater = inflater;
    }

    /**
     * Takes the next data frame.
     *
     * @return the message this frame completes, or {@code null} if more fragments must follow
     * @throws ProtocolException 1002 for a fragment out of order, 1007 for invalid UTF-8 (as soon as
     *                           it arrives), 1009 for a message over the limit
     */
    public Message accept(Frame frame) throws ProtocolException {
        checkOrder(frame.opcode());
        if (frame.opcode() != Opcode.CONTINUATION) {
            compressed = frame.compressed();                  // RFC 7692 §6: the first frame says, for all
            if (compressed && inflater == null) {
                throw new IllegalStateException("a compressed frame, but no permessage-deflate was agreed");
            }
        }
        if (compressed) {
            // RFC 7692 §6.2: inflate the pieces as they come, each step checked like a fragment.
            inflater.inflate(frame.payload(), frame.fin(), inflated -> {
                check(inflated, false);
                append(inflated);
            });
            if (frame.fin()) {
                check(new byte[0], true);
            }
        } else {
            byte[] payload = frame.payload();
            check(payload, frame.fin());
            if (frame.fin() && size == 0) {
                Opcode opcode = messageOpcode;
                messageOpcode = null;
                return new Message(opcode, payload);          // a message in one frame: no copy needed
            }
            append(payload);
        }
        if (!frame.fin()) {
            return null;
        }
        Message message = new Message(messageOpcode, Arrays.copyOf(buffer, size));
        messageOpcode = null;
        size = 0;
        if (buffer.length > KEPT_BUFFER_BYTES) {
            buffer = new byte[0];
        }
        return message;
    }

    /** The limit, then UTF-8 for text: for each fragment, or each inflated step, before it is kept. */
    private void check(byte[] payload, boolean last) throws ProtocolException {
        if ((long) size + payload.length > maxMessageBytes) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "message of more than " + maxMessageBytes + " bytes");
        }
        if (messageOpcode == Opcode.TEXT) {
            checkUtf8(payload, last);
        }
    }

    /** §5.4: a CONTINUATION needs a message in progress, and TEXT or BINARY needs none. */
    private void checkOrder(Opcode opcode) throws ProtocolException {
        switch (opcode) {
            case CONTINUATION -> {
                if (messageOpcode == null) {
                    throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                            "continuation frame, but no fragmented message was started (§5.4)");
                }
            }
            case TEXT, BINARY -> {
                if (messageOpcode != null) {
                    throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                            "new " + opcode + " frame before the fragmented message was finished (§5.4)");
                }
                messageOpcode = opcode;
                utf8.reset();
            }
            default -> throw new IllegalArgumentException(opcode + " is a control frame, not part of a message");
        }
    }

    /** §8.1: fail at the first invalid byte, and at the end if the text stops inside a character. */
    private void checkUtf8(byte[] payload, boolean last) throws ProtocolException {
        if (!utf8.feed(payload, 0, payload.length)) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD_DATA, "invalid UTF-8 in a text message (§8.1)");
        }
        if (last && !utf8.isComplete()) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD_DATA,
                    "text message ends in the middle of a UTF-8 character (§8.1)");
        }
    }

    private void append(byte[] payload) {
        if (size + payload.length > buffer.length) {
            int grown = Math.max(size + payload.length, Math.min(buffer.length * 2, maxMessageBytes));
            buffer = Arrays.copyOf(buffer, Math.max(grown, 256));
        }
        System.arraycopy(payload, 0, buffer, size, payload.length);
        size += payload.length;
    }
}
