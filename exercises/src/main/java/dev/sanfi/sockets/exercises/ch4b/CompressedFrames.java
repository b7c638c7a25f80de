package dev.sanfi.sockets.exercises.ch4b;

import dev.sanfi.sockets.raw.FrameWriter;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.deflate.MessageDeflater;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Chapter 4b, exercise 2: frames a client sends to a server that agreed to permessage-deflate (or,
 * for one of them, to no extension), and what the server does predicted: it receives "Hello", or
 * fails the connection with a close code. Each frame is written as its first byte (FIN, RSV1-3 and
 * the opcode) and its payload; {@link #frames()} masks them as a client must.
 */
public enum CompressedFrames {

    /** RFC 7692 §7.2.3.1's "Hello": RSV1 on a final text frame. */
    HELLO(true, CompressedFrames.RECEIVED, frame(0xc1, "f2 48 cd c9 c9 07 00")),
    /** The same message in two fragments (§7.2.3.1): RSV1 is on the first only. */
    FRAGMENTED(true, CompressedFrames.RECEIVED, frame(0x41, "f2 48 cd"), frame(0x80, "c9 c9 07 00")),
    /** Any message may go uncompressed, RSV1 clear (§6): its payload is taken as it is. */
    PLAIN(true, CompressedFrames.RECEIVED, frame(0x81, "48 65 6c 6c 6f")),
    /** A stored block by hand (§7.2.3.3): LEN 5, NLEN its complement, the letters, the tail's first byte. */
    STORED(true, CompressedFrames.RECEIVED, frame(0xc1, "00 05 00 fa ff 48 65 6c 6c 6f 00")),
    /** RSV1 on a continuation: the bit is about the message, so only its first frame has it (§6.1). */
    RSV1_ON_CONTINUATION(true, 1002, frame(0x41, "f2 48 cd"), frame(0xc0, "c9 c9 07 00")),
    /** A compressed Ping: control frames are never compressed (§6.1). */
    COMPRESSED_PING(true, 1002, frame(0xc9, "f2 48 cd c9 c9 07 00")),
    /** RSV2: permessage-deflate defines RSV1 only, and nothing else agreed gave RSV2 a meaning (RFC 6455 §5.2). */
    RSV2(true, 1002, frame(0xa1, "48 65 6c 6c 6f")),
    /** The compressed "Hello" on a connection that agreed to no extension (RFC 6455 §5.2). */
    NOT_AGREED(false, 1002, frame(0xc1, "f2 48 cd c9 c9 07 00")),
    /** {@code 07}: BFINAL 1, BTYPE 11, a block type DEFLATE reserves (RFC 1951 §3.2.3): not DEFLATE data. */
    NOT_DEFLATE(true, 1007, frame(0xc1, "07")),
    /** A stored block of {@code c0 af}: valid DEFLATE, but the inflated text is not UTF-8 (RFC 6455 §8.1). */
    INFLATES_TO_BAD_UTF8(true, 1007, frame(0xc1, "00 02 00 fd ff c0 af 00")),
    /** 2 MiB of zeros, about 2 KiB compressed: over the 1 MiB limit once inflated, which is what counts. */
    BOMB(true, 1009, frame(0xc1, new MessageDeflater(false).compress(new byte[2 * 1024 * 1024])));

    /** The predicted outcome is the text message "Hello", not a close code. */
    public static final int RECEIVED = 0;

    /** One frame: its first byte and its payload. */
    private record Frame(int firstByte, byte[] payload) {
    }

    private final boolean deflateAgreed;
    private final int predicted;
    private final Frame[] frames;

    CompressedFrames(boolean deflateAgreed, int predicted, Frame... frames) {
        this.deflateAgreed = deflateAgreed;
        this.predicted = predicted;
        this.frames = frames;
    }

    private static Frame frame(int firstByte, String hexPayload) {
        return new Frame(firstByte, HexFormat.ofDelimiter(" ").parseHex(hexPayload));
    }

    private static Frame frame(int firstByte, byte[] payload) {
        return new Frame(firstByte, payload);
    }

    /** Whether the handshake agreed to permessage-deflate (with context takeover, full windows). */
    public boolean deflateAgreed() {
        return deflateAgreed;
    }

    /** {@link #RECEIVED}, or the code of the server's Close. */
    public int predicted() {
        return predicted;
    }

    /** The frames as the client sends them: masked (RFC 6455 §5.3), one after the other. */
    public byte[] frames() {
        FrameWriter writer = FrameWriter.forClient(() -> 0x37fa213d);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            // Written as a binary frame, then given its own first byte: the mask does not depend on it.
            byte[] bytes = writer.frame(Opcode.BINARY, frame.payload());
            bytes[0] = (byte) frame.firstByte();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
