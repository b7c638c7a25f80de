package dev.sanfi.sockets.exercises.ch3;

import dev.sanfi.sockets.raw.CloseCode;

/**
 * Chapter 3, exercise 1: change one byte of the RFC's masked "Hello" and predict the close code a
 * server answers with. Each constant is one change, and the code it predicts.
 */
public enum OneByteChange {

    /** {@code 81} → {@code c1}: RSV1 set, but no extension was negotiated (§5.2). */
    SET_RSV1(0, 0xC1, CloseCode.PROTOCOL_ERROR),
    /** {@code 81} → {@code 83}: opcode 3 is reserved (§5.2). */
    RESERVED_OPCODE(0, 0x83, CloseCode.PROTOCOL_ERROR),
    /** {@code 81} → {@code 80}: a continuation, but no message was started (§5.4). */
    CONTINUATION_FIRST(0, 0x80, CloseCode.PROTOCOL_ERROR),
    /** {@code 81} → {@code 09}: a Ping without FIN, and control frames are never fragmented (§5.5). */
    FRAGMENTED_PING(0, 0x09, CloseCode.PROTOCOL_ERROR),
    /** {@code 81} → {@code 88}: a Close whose code is "He", 0x4865 = 18533, which may not be sent (§7.4). */
    CLOSE_CODE_HE(0, 0x88, CloseCode.PROTOCOL_ERROR),
    /** {@code 85} → {@code 05}: MASK clear, and a client must mask every frame (§5.1). */
    UNMASKED(1, 0x05, CloseCode.PROTOCOL_ERROR),
    /** {@code 85} → {@code 8c}: 12 bytes announced, over a server limit of 10 — refused from the header. */
    OVER_THE_LIMIT(1, 0x8C, CloseCode.MESSAGE_TOO_BIG),
    /** {@code 7f} → {@code f7}: the first byte unmasks to {@code f7 ^ 37 = c0}, never UTF-8 (§8.1). */
    NOT_UTF8(6, 0xF7, CloseCode.INVALID_PAYLOAD_DATA);

    /** RFC 6455 §5.7: a masked text frame "Hello", key {@code 37 fa 21 3d}, as a client sends it. */
    public static final byte[] MASKED_HELLO = {
        (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58,
    };

    /** The message limit of the server the predictions are for: the chapter's {@code --max-message-bytes 10}. */
    public static final int SERVER_LIMIT = 10;

    private final int index;
    private final int value;
    private final CloseCode predicted;

    OneByteChange(int index, int value, CloseCode predicted) {
        this.index = index;
        this.value = value;
        this.predicted = predicted;
    }

    /** The frame with this one byte changed. */
    public byte[] apply() {
        byte[] frame = MASKED_HELLO.clone();
        frame[index] = (byte) value;
        return frame;
    }

    /** The code of the server's Close. */
    public CloseCode predicted() {
        return predicted;
    }
}
