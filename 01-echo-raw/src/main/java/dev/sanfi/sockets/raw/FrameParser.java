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
 * <p>It waits for a header ({@link FrameHeaderReader}, which checks the rules every header keeps),
 * then for the payload; {@link #parse} returns {@code null} when the buffer runs out, and continues
 * where it stopped on the next call. Every rule that can be checked from the header is checked as
 * soon as the header is read, before any payload is buffered: a peer cannot make us wait for (or
 * allocate) a frame we are going to refuse anyway.
 *
 * <p>Data frames are handed out as their payload arrives, not only when the whole frame is there:
 * a frame whose payload comes in three reads comes out as three pieces, the first with the frame's
 * opcode, the others as {@link Opcode#CONTINUATION}, only the last with the frame's FIN bit. That is
 * a legal re-fragmentation (§5.4 lets intermediaries split messages when no extension is in use), so
 * the {@link MessageAssembler} needs no special case, and it lets it reject invalid UTF-8 as soon as
 * the bad bytes arrive, even in the middle of a frame. Control frames (at most 125 bytes) come out whole.
 *
 * <p>With permessage-deflate agreed (RFC 7692), RSV1 on a TEXT or BINARY frame marks a compressed
 * message, and only there: the first piece of such a frame comes out {@link Frame#compressed()}.
 * Re-fragmenting a compressed message is still legal for this reader: the pieces are pieces of the
 * compressed payload, which the assembler inflates as they come.
 */
public final class FrameParser {

    /** §5.5: a control frame's payload is at most 125 bytes, so its length always fits in 7 bits. */
    static final int MAX_CONTROL_PAYLOAD = FrameHeader.MAX_CONTROL_PAYLOAD;

    /** RSV1, the "Per-Message Compressed" bit of RFC 7692 §6, as a value of {@link FrameHeader#rsv()}. */
    static final int RSV1 = 0b100;

    private final boolean clientFrames;
    private final int maxPayloadBytes;
    /** Whether permessage-deflate was agreed: RSV1 may then start a message. */
    private final boolean perMessageDeflate;
    private final FrameHeaderReader headers = new FrameHeaderReader();

    /** The frame whose payload is being read; null while waiting for a header. */
    private FrameHeader header;
    /** A control frame's payload, collected until it is whole. */
    private final byte[] collected = new byte[MAX_CONTROL_PAYLOAD];
    private int collectedCount;
    private long payloadRemaining;
    private boolean firstPiece;

    private FrameParser(boolean clientFrames, int maxPayloadBytes, boolean perMessageDeflate) {
        this.clientFrames = clientFrames;
        this.maxPayloadBytes = maxPayloadBytes;
        this.perMessageDeflate = perMessageDeflate;
    }

    /** A server's parser: it reads client frames, which must be masked (§5.1). */
    public static FrameParser forServer(int maxPayloadBytes) {
        return forServer(maxPayloadBytes, false);
    }

    /** A server's parser; {@code perMessageDeflate} when the handshake agreed to it (RSV1 allowed). */
    public static FrameParser forServer(int maxPayloadBytes, boolean perMessageDeflate) {
        return new FrameParser(true, maxPayloadBytes, perMessageDeflate);
    }

    /** A client's parser: it reads server frames, which must not be masked (§5.1). */
    public static FrameParser forClient(int maxPayloadBytes) {
        return forClient(maxPayloadBytes, false);
    }

    /** A client's parser; {@code perMessageDeflate} when the handshake agreed to it (RSV1 allowed). */
    public static FrameParser forClient(int maxPayloadBytes, boolean perMessageDeflate) {
        return new FrameParser(false, maxPayloadBytes, perMessageDeflate);
    }

    /**
     * Consumes bytes from {@code in} until a frame (or a piece of a data frame) is complete.
     *
     * @return the frame, or {@code null} when every byte of {@code in} is consumed and more are needed
     * @throws ProtocolException when the bytes break the protocol; the parser is unusable afterwards
     */
    public Frame parse(ByteBuffer in) throws ProtocolException {
        if (header == null) {
            FrameHeader next = headers.read(in);
            if (next == null) {
                return null;
            }
            startFrame(next);
        }
        return header.opcode().isControl() ? readControlPayload(in) : readDataPayload(in);
    }

    /**
     * The header rules that depend on this connection, checked before the payload is read (§5.1, §5.2);
     * {@link FrameHeader#parse} has checked the ones every header keeps.
     */
    private void startFrame(FrameHeader next) throws ProtocolException {
        if (next.rsv() != 0 && !startsCompressedMessage(next)) {
            throw protocolError(perMessageDeflate ? misplacedRsv(next)
                    : "RSV bits set, but no extension was negotiated (§5.2)");
        }
        if (next.masked() != clientFrames) {
            throw protocolError(clientFrames
                    ? "unmasked frame from a client: clients must mask every frame (§5.1)"
                    : "masked frame from a server: servers must not mask (§5.1)");
        }
        if (next.payloadLength() > maxPayloadBytes) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "frame of " + next.payloadLength() + " bytes, over the limit of " + maxPayloadBytes);
        }
        header = next;
        payloadRemaining = next.payloadLength();
        firstPiece = true;
    }

    /** RFC 7692 §6.1: RSV1 (and no other bit) on a TEXT or BINARY frame, once permessage-deflate is agreed. */
    private boolean startsCompressedMessage(FrameHeader next) {
        return perMessageDeflate && next.rsv() == RSV1 && (next.opcode() == Opcode.TEXT || next.opcode() == Opcode.BINARY);
    }

    private static String misplacedRsv(FrameHeader next) {
        if ((next.rsv() & ~RSV1) != 0) {
            return "RSV2 or RSV3 set: permessage-deflate defines RSV1 only (§5.2, RFC 7692 §6)";
        }
        return "RSV1 on a " + next.opcode() + " frame: it marks the first frame of a compressed message only (RFC 7692 §6.1)";
    }

    /** Control frames are small (§5.5) and handled whole: wait until all of the payload is here. */
    private Frame readControlPayload(ByteBuffer in) {
        int length = (int) header.payloadLength();
        if (!collect(in, length)) {
            return null;
        }
        byte[] payload = Arrays.copyOf(collected, length);
        header.unmask(0, payload, 0, length);
        Frame frame = new Frame(true, header.opcode(), payload);
        header = null;
        return frame;
    }

    /** Data frames are handed out piece by piece, as their payload arrives (see the class comment). */
    private Frame readDataPayload(ByteBuffer in) {
        int take = (int) Math.min(in.remaining(), payloadRemaining);
        if (take == 0 && payloadRemaining > 0) {
            return null;
        }
        byte[] piece = new byte[take];
        in.get(piece);
        header.unmask(header.payloadLength() - payloadRemaining, piece, 0, take);
        payloadRemaining -= take;
        boolean lastPiece = payloadRemaining == 0;
        Frame frame = new Frame(lastPiece && header.fin(), firstPiece ? header.opcode() : Opcode.CONTINUATION, piece,
                firstPiece && header.rsv() == RSV1);
        firstPiece = false;
        if (lastPiece) {
            header = null;
        }
        return frame;
    }

    /**
     * Moves bytes from {@code in} into {@link #collected} until it holds {@code count} of them.
     *
     * @return true when all {@code count} bytes are there (and the next frame starts collecting anew)
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
