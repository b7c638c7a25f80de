package dev.sanfi.sockets.raw;

/**
 * What a frame carries: the 4-bit opcode of RFC 6455 §5.2.
 *
 * <p>Opcodes 0x0–0x7 are data frames, 0x8–0xF control frames (§5.5). Only six values are defined;
 * the others are reserved for later extensions, and a frame that uses one fails the connection.
 */
public enum Opcode {

    /** 0x0: the next fragment of a message that a TEXT or BINARY frame started (§5.4). */
    CONTINUATION(0x0),
    /** 0x1: a text message (or its first fragment); the whole message must be UTF-8 (§5.6). */
    TEXT(0x1),
    /** 0x2: a binary message (or its first fragment); any bytes (§5.6). */
    BINARY(0x2),
    /** 0x8: the closing handshake; the payload is empty or a 2-byte code and a UTF-8 reason (§5.5.1). */
    CLOSE(0x8),
    /** 0x9: "are you there?"; the peer answers with a Pong carrying the same payload (§5.5.2). */
    PING(0x9),
    /** 0xA: the answer to a Ping, or an unsolicited heartbeat that needs no answer (§5.5.3). */
    PONG(0xA);

    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode opcode : values()) {
            BY_CODE[opcode.code] = opcode;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The 4-bit value on the wire. */
    public int code() {
        return code;
    }

    /** §5.5: control frames are the opcodes with the high bit set (0x8–0xF). */
    public boolean isControl() {
        return (code & 0x8) != 0;
    }

    /**
     * The opcode for a 4-bit value from a frame header.
     *
     * @throws ProtocolException 1002 for 0x3–0x7 and 0xB–0xF, reserved for future use (§5.2)
     */
    public static Opcode of(int code) throws ProtocolException {
        Opcode opcode = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (opcode == null) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "reserved opcode 0x" + Integer.toHexString(code) + " (RFC 6455 §5.2)");
        }
        return opcode;
    }
}
