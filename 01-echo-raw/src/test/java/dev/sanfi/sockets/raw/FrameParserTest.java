package dev.sanfi.sockets.raw;

import static dev.sanfi.sockets.raw.WireBytes.concat;
import static dev.sanfi.sockets.raw.WireBytes.counting;
import static dev.sanfi.sockets.raw.WireBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {

    private static final int LIMIT = 1024 * 1024;

    /** Every frame (or piece) the parser gives for these bytes, fed in one buffer. */
    private static List<Frame> parseAll(FrameParser parser, byte[] bytes) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = parser.parse(in)) != null) {
            frames.add(frame);
        }
        assertThat(in.hasRemaining()).as("the parser takes every byte").isFalse();
        return frames;
    }

    private static Frame parseOne(FrameParser parser, byte[] bytes) throws ProtocolException {
        List<Frame> frames = parseAll(parser, bytes);
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    private static void assertFrame(Frame frame, boolean fin, Opcode opcode, byte[] payload) {
        assertThat(frame.fin()).as("FIN").isEqualTo(fin);
        assertThat(frame.opcode()).isEqualTo(opcode);
        assertThat(frame.payload()).isEqualTo(payload);
    }

    @Test
    @DisplayName("§5.7: a single-frame unmasked text message, from a server")
    void unmaskedText() throws ProtocolException {
        Frame frame = parseOne(FrameParser.forClient(LIMIT), of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        assertFrame(frame, true, Opcode.TEXT, WireBytes.ascii("Hello"));
    }

    @Test
    @DisplayName("§5.7: a single-frame masked text message, from a client")
    void maskedText() throws ProtocolException {
        Frame frame = parseOne(FrameParser.forServer(LIMIT),
                of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
        assertFrame(frame, true, Opcode.TEXT, WireBytes.ascii("Hello"));
    }

    @Test
    @DisplayName("§5.7: a fragmented unmasked text message")
    void fragmentedText() throws ProtocolException {
        List<Frame> frames = parseAll(FrameParser.forClient(LIMIT),
                of(0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f));
        assertThat(frames).hasSize(2);
        assertFrame(frames.get(0), false, Opcode.TEXT, WireBytes.ascii("Hel"));
        assertFrame(frames.get(1), true, Opcode.CONTINUATION, WireBytes.ascii("lo"));
    }

    @Test
    @DisplayName("§5.7: an unmasked Ping and a masked Pong, both carrying \"Hello\"")
    void pingAndPong() throws ProtocolException {
        assertFrame(parseOne(FrameParser.forClient(LIMIT), of(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f)),
                true, Opcode.PING, WireBytes.ascii("Hello"));
        assertFrame(parseOne(FrameParser.forServer(LIMIT), of(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58)),
                true, Opcode.PONG, WireBytes.ascii("Hello"));
    }

    @Test
    @DisplayName("§5.7: 256 bytes of binary data, with a 16-bit length")
    void sixteenBitLength() throws ProtocolException {
        byte[] payload = counting(256);
        Frame frame = parseOne(FrameParser.forClient(LIMIT), concat(of(0x82, 0x7E, 0x01, 0x00), payload));
        assertFrame(frame, true, Opcode.BINARY, payload);
    }

    @Test
    @DisplayName("§5.7: 64 KiB of binary data, with a 64-bit length")
    void sixtyFourBitLength() throws ProtocolException {
        byte[] payload = counting(65536);
        Frame frame = parseOne(FrameParser.forClient(LIMIT),
                concat(of(0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00), payload));
        assertFrame(frame, true, Opcode.BINARY, payload);
    }

    @Test
    @DisplayName("an empty text frame and an empty Close")
    void emptyPayloads() throws ProtocolException {
        List<Frame> frames = parseAll(FrameParser.forServer(LIMIT), of(0x81, 0x80, 1, 2, 3, 4, 0x88, 0x80, 1, 2, 3, 4));
        assertFrame(frames.get(0), true, Opcode.TEXT, new byte[0]);
        assertFrame(frames.get(1), true, Opcode.CLOSE, new byte[0]);
    }

    @Test
    @DisplayName("returns nothing while the header is incomplete, and continues where it stopped")
    void needsMore() throws ProtocolException {
        FrameParser parser = FrameParser.forServer(LIMIT);
        byte[] frame = of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        for (int i = 0; i < 6; i++) {
            assertThat(parser.parse(ByteBuffer.wrap(frame, i, 1))).as("after byte %d", i).isNull();
        }
        assertFrame(parser.parse(ByteBuffer.wrap(frame, 6, 5)), true, Opcode.TEXT, WireBytes.ascii("Hello"));
    }

    @Test
    @DisplayName("hands a data frame out in pieces as its payload arrives, unmasked at the right key offset")
    void payloadInPieces() throws ProtocolException {
        FrameParser parser = FrameParser.forServer(LIMIT);
        byte[] frame = of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        assertFrame(parser.parse(ByteBuffer.wrap(frame, 0, 7)), false, Opcode.TEXT, WireBytes.ascii("H"));
        assertFrame(parser.parse(ByteBuffer.wrap(frame, 7, 3)), false, Opcode.CONTINUATION, WireBytes.ascii("ell"));
        assertFrame(parser.parse(ByteBuffer.wrap(frame, 10, 1)), true, Opcode.CONTINUATION, WireBytes.ascii("o"));
    }

    @Test
    @DisplayName("a control frame split over reads comes out whole")
    void controlFrameWhole() throws ProtocolException {
        FrameParser parser = FrameParser.forClient(LIMIT);
        byte[] frame = of(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
        assertThat(parser.parse(ByteBuffer.wrap(frame, 0, 4))).isNull();
        assertFrame(parser.parse(ByteBuffer.wrap(frame, 4, 3)), true, Opcode.PING, WireBytes.ascii("Hello"));
    }

    @Test
    @DisplayName("round trip: what the FrameWriter writes, byte by byte, parses back to the same payload")
    void roundTripByteByByte() throws ProtocolException {
        for (int size : new int[] {0, 1, 125, 126, 127, 65535, 65536}) {
            byte[] payload = counting(size);
            byte[] wire = FrameWriter.forClient(() -> 0x12345678).frame(Opcode.BINARY, payload);
            FrameParser parser = FrameParser.forServer(LIMIT);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            Frame last = null;
            for (int i = 0; i < wire.length; i++) {
                Frame piece = parser.parse(ByteBuffer.wrap(wire, i, 1));
                if (piece != null) {
                    joined.writeBytes(piece.payload());
                    last = piece;
                }
            }
            assertThat(last).as("size %d", size).isNotNull();
            assertThat(last.fin()).isTrue();
            assertThat(joined.toByteArray()).as("size %d", size).isEqualTo(payload);
        }
    }

    @ParameterizedTest(name = "RSV bits {0}")
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
    @DisplayName("§5.2: RSV bits without a negotiated extension are a protocol error")
    void rsvBits(int rsv) {
        assertProtocolError(FrameParser.forClient(LIMIT), of(0x81 | rsv, 0x00), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 7692 §6.1: with permessage-deflate, RSV1 on a text or binary frame marks its first piece compressed, and only that")
    void rsv1StartsACompressedMessage() throws ProtocolException {
        FrameParser parser = FrameParser.forClient(LIMIT, true);
        List<Frame> frames = parseAll(parser, concat(of(0x41, 0x03, 0xf2, 0x48, 0xcd), of(0x80, 0x04, 0xc9, 0xc9, 0x07, 0x00),
                of(0xc2, 0x01, 0x00), of(0x82, 0x00)));
        assertThat(frames).extracting(Frame::compressed).containsExactly(true, false, true, false);
        ByteBuffer split = ByteBuffer.wrap(of(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00));
        split.limit(4);
        Frame first = parser.parse(split);
        split.limit(split.capacity());
        Frame rest = parser.parse(split);
        assertThat(first.compressed()).isTrue();
        assertThat(rest.compressed()).as("a piece that is not the frame's first is a continuation, uncompressed").isFalse();
        assertThat(rest.opcode()).isEqualTo(Opcode.CONTINUATION);
    }

    @ParameterizedTest(name = "first byte 0x{0}")
    @ValueSource(strings = {"c0", "c9", "ca", "c8", "a1", "91", "e1", "d1"})
    @DisplayName("RFC 7692 §6.1: with permessage-deflate, RSV1 on a continuation or control frame, or RSV2/RSV3, is a protocol error")
    void misplacedRsvWithDeflate(String firstByte) {
        assertProtocolError(FrameParser.forClient(LIMIT, true), of(Integer.parseInt(firstByte, 16), 0x00), CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "opcode 0x{0}")
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    @DisplayName("§5.2: reserved opcodes are a protocol error")
    void reservedOpcodes(int opcode) {
        assertProtocolError(FrameParser.forClient(LIMIT), of(0x80 | opcode, 0x00), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.1: a server refuses unmasked frames, a client refuses masked ones")
    void masking() {
        assertProtocolError(FrameParser.forServer(LIMIT), of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f), CloseCode.PROTOCOL_ERROR);
        assertProtocolError(FrameParser.forClient(LIMIT), of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.5: control frames can be neither fragmented nor longer than 125 bytes")
    void controlFrameRules() {
        assertProtocolError(FrameParser.forClient(LIMIT), of(0x09, 0x00), CloseCode.PROTOCOL_ERROR);
        assertProtocolError(FrameParser.forClient(LIMIT), of(0x89, 0x7E, 0x00, 0x7E), CloseCode.PROTOCOL_ERROR);
        assertProtocolError(FrameParser.forClient(LIMIT), of(0x88, 0x7E), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.2: a 64-bit length with the most significant bit set is a protocol error")
    void negativeLength() {
        assertProtocolError(FrameParser.forClient(LIMIT), of(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("a frame over the limit is refused with 1009 from its header, before any payload")
    void tooLarge() {
        assertProtocolError(FrameParser.forClient(1000), of(0x82, 0x7E, 0x03, 0xE9), CloseCode.MESSAGE_TOO_BIG);
        assertProtocolError(FrameParser.forClient(100), of(0x82, 0x65), CloseCode.MESSAGE_TOO_BIG);
        assertProtocolError(FrameParser.forClient(LIMIT), of(0x82, 0x7F, 0, 0, 0, 0x01, 0, 0, 0, 0), CloseCode.MESSAGE_TOO_BIG);
    }

    @Test
    @DisplayName("a frame exactly at the limit is fine")
    void atTheLimit() throws ProtocolException {
        Frame frame = parseOne(FrameParser.forClient(256), concat(of(0x82, 0x7E, 0x01, 0x00), counting(256)));
        assertThat(frame.payload()).hasSize(256);
    }

    private static void assertProtocolError(FrameParser parser, byte[] bytes, CloseCode expected) {
        assertThatThrownBy(() -> parseAll(parser, bytes))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(expected));
    }
}
