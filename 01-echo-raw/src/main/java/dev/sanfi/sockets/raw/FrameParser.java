package dev.sanfi.sockets.raw;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns bytes into frames (RFC 6455 §5.2): a state machine you feed whatever the socket delivered.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 *
 * <p>Each state waits for the bytes it needs; {@link #parse} returns {@code null} when the buffer
 * runs out, and continues where it stopped on the next call. Every rule that can be checked from
 * the header is checked as soon as the header is read, before any payload is buffered: a peer
 * cannot make us wait for (or allocate) a frame we are going to refuse anyway.
 *
 * <p>Data frames are handed out as their payload arrives, not only when the whole frame is there:
 * a frame whose payload comes in three reads comes out as three pieces, the first with the frame's
 * opcode, the others as {@link Opcode#CONTINUATION}, only the last with the frame's FIN bit. That is
 * a legal re-fragmentation (§5.4 lets intermediaries split messages when no extension is in use), so
 * the {@link MessageAssembler} needs no special case, and it lets it reject invalid UTF-8 as soon as
 * the bad bytes arrive, even in the middle of a frame. Control frames (at most 125 bytes) come out whole.
 */
public final class FrameParser {

    /** What the parser is waiting for. */
    private enum State {
        /** The first two bytes: FIN, RSV1–3, opcode, MASK and the 7-bit length. */
        HEADER,
        /** The 16-bit or 64-bit length that follows a 7-bit length of 126 or 127. */
        EXTENDED_LENGTH,
        /** The 4-byte masking key of a masked frame. */
        MASKING_KEY,
        /** The payload. */
        PAYLOAD
    }

    /** §5.5: a control frame's payload is at most 125 bytes, so its length always fits in 7 bits. */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private final boolean clientFrames;
    private final int maxPayloadBytes;

    private State state = State.HEADER;
    /** Bytes of the current state collected so far: header, length, key, or a control payload. */
    private final byte[] collected = new byte[MAX_CONTROL_PAYLOAD];
    private int collectedCount;

    // The frame being parsed.
    private boolean fin;
    private Opcode opcode;
    private boolean masked;
    private int extendedLengthBytes;
    private long payloadLength;
    private long payloadRemaining;
    private final byte[] maskingKey = new byte[4];
    private boolean firstPiece;

    private FrameParser(boolean clientFrames, int maxPayloadBytes) {
        this.clientFrames = clientFrames;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** A server's parser: it reads client frames, which must be masked (§5.1). */
    public static FrameParser forServer(int maxPayloadBytes) {
        return new FrameParser(true, maxPayloadBytes);
    }

    /** A client's parser: it reads server frames, which must not be masked (§5.1). */
    public static FrameParser forClient(int maxPayloadBytes) {
        return new FrameParser(false, maxPayloadBytes);
    }

    /**
     * Consumes bytes from {@code in} until a frame (or a piece of a data frame) is complete.
     *
     * @return the frame, or {@code null} when every byte of {@code in} is consumed and more are needed
     * @throws ProtocolException when the bytes break the protocol; the parser is unusable afterwards
     */
    public Frame parse(ByteBuffer in) throws ProtocolException {
        while (true) {
            switch (state) {
                case HEADER -> {
                    if (!collect(in, 2)) {
                        return null;
                    }
                    readHeader(collected[0], collected[1]);
                }
                case EXTENDED_LENGTH -> {
                    if (!collect(in, extendedLengthBytes)) {
                        return null;
                    }
                    readExtendedLength();
                }
                case MASKING_KEY -> {
                    if (!collect(in, 4)) {
                        return null;
                    }
                    System.arraycopy(collected, 0, maskingKey, 0, 4);
                    state = State.PAYLOAD;
                }
                case PAYLOAD -> {
                    return opcode.isControl() ? readControlPayload(in) : readDataPayload(in);
                }
            }
        }
    }

    /** The first two header bytes: everything that can be rejected before the payload is checked here (§5.2). */
    private void readHeader(byte first, byte second) throws ProtocolException {
        fin = (first & 0x80) != 0;
        if ((first & 0x70) != 0) {
            throw protocolError("RSV bits set, but no extension was negotiated (§5.2)");
        }
        opcode = Opcode.of(first & 0x0F);
        masked = (second & 0x80) != 0;
        if (masked != clientFrames) {
            throw protocolError(clientFrames
                    ? "unmasked frame from a client: clients must mask every frame (§5.1)"
                    : "masked frame from a server: servers must not mask (§5.1)");
        }
        int length = second & 0x7F;
        if (opcode.isControl() && !fin) {
            throw protocolError("fragmented " + opcode + " frame: control frames cannot be fragmented (§5.5)");
        }
        if (opcode.isControl() && length > MAX_CONTROL_PAYLOAD) {
            throw protocolError(opcode + " frame over 125 bytes: control frames are at most 125 (§5.5)");
        }
        if (length == 126) {
            extendedLengthBytes = 2;   // a 16-bit length follows
            state = State.EXTENDED_LENGTH;
        } else if (length == 127) {
            extendedLengthBytes = 8;   // a 64-bit length follows
            state = State.EXTENDED_LENGTH;
        } else {
            startPayload(length);
        }
    }

    /** The 16-bit or 64-bit length, in network byte order (big-endian) (§5.2). */
    private void readExtendedLength() throws ProtocolException {
        long length = 0;
        for (int i = 0; i < extendedLengthBytes; i++) {
            length = (length << 8) | (collected[i] & 0xFF);
        }
        if (length < 0) {
            throw protocolError("64-bit payload length with its most significant bit set (§5.2)");
        }
        startPayload(length);
    }

    private void startPayload(long length) throws ProtocolException {
        if (length > maxPayloadBytes) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "frame of " + length + " bytes, over the limit of " + maxPayloadBytes);
        }
        payloadLength = length;
        payloadRemaining = length;
        firstPiece = true;
        state = masked ? State.MASKING_KEY : State.PAYLOAD;
    }

    /** Control frames are small (§5.5) and handled whole: wait until all of the payload is here. */
    private Frame readControlPayload(ByteBuffer in) {
        int length = (int) payloadLength;
        if (!collect(in, length)) {
            return null;
        }
        byte[] payload = Arrays.copyOf(collected, length);
        if (masked) {
            Masking.apply(maskingKey, 0, payload, 0, length);
        }
        state = State.HEADER;
        return new Frame(true, opcode, payload);
    }

    /** Data frames are handed out piece by piece, as their payload arrives (see the class comment). */
    private Frame readDataPayload(ByteBuffer in) {
        int take = (int) Math.min(in.remaining(), payloadRemaining);
        if (take == 0 && payloadRemaining > 0) {
            return null;
        }
        byte[] piece = new byte[take];
        in.get(piece);
        if (masked) {
            Masking.apply(maskingKey, payloadLength - payloadRemaining, piece, 0, take);
        }
        payloadRemaining -= take;
        boolean lastPiece = payloadRemaining == 0;
        Frame frame = new Frame(lastPiece && fin, firstPiece ? opcode : Opcode.CONTINUATION, piece);
        firstPiece = false;
        if (lastPiece) {
            state = State.HEADER;
        }
        return frame;
    }

    /**
     * Moves bytes from {@code in} into {@link #collected} until it holds {@code count} of them.
     *
     * @return true when all {@code count} bytes are there (and the next state starts collecting anew)
     */
    private boolean collect(ByteBuffer in, int count) {
        int take = Math.min(count - collectedCount, in.remaining());
        in.get(collected, collectedCount, take);
        collectedCount += take;
        if (collectedCount < count) {
            return false;
        }
        collectedCount = 0;
        return true;
    }

    private static ProtocolException protocolError(String message) {
        return new ProtocolException(CloseCode.PROTOCOL_ERROR, message);
    }
}
