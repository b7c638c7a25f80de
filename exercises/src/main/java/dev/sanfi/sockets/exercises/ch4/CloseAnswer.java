package dev.sanfi.sockets.exercises.ch4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Chapter 4, exercise 1: a client's Close payload, and the server's answer predicted — the same code
 * (§5.5.1), an empty Close for an empty one, or the connection failed with 1002 or 1007.
 */
public enum CloseAnswer {

    /** 1000 "bye": done; the answer echoes it. */
    NORMAL(payload(1000, "bye"), 1000),
    /** No payload at all: allowed (§5.5.1), answered with an empty Close, reported as 1005 (§7.1.5). */
    EMPTY(new byte[0], CloseAnswer.EMPTY_ANSWER),
    /** 4000: private use (§7.4.2), so the server may not understand it, but it may be sent. */
    PRIVATE_USE(payload(4000, "private"), 4000),
    /** 1005 is only ever reported, never sent (§7.4.1). */
    NO_STATUS_SENT(payload(1005, ""), 1002),
    /** 1016–2999 are reserved for future versions of the protocol (§7.4.2). */
    RESERVED(payload(2000, ""), 1002),
    /** One byte: a code takes two (§5.5.1). */
    ONE_BYTE(new byte[] {0x03}, 1002),
    /** A reason that is not UTF-8 (§5.5.1, §8.1). */
    NOT_UTF8_REASON(new byte[] {0x03, (byte) 0xe8, (byte) 0xc0, (byte) 0xaf}, 1007);

    /** The predicted answer is a Close without a payload. */
    public static final int EMPTY_ANSWER = -1;

    private final byte[] payload;
    private final int answer;

    CloseAnswer(byte[] payload, int answer) {
        this.payload = payload;
        this.answer = answer;
    }

    /** The payload of the client's Close frame. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The code of the server's Close, or {@link #EMPTY_ANSWER}. */
    public int answer() {
        return answer;
    }

    private static byte[] payload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }
}
