package dev.sanfi.sockets.jakarta.guard;

import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.ClosePayload;
import dev.sanfi.sockets.raw.Frame;
import dev.sanfi.sockets.raw.FrameHeader;
import dev.sanfi.sockets.raw.FrameHeaderReader;
import dev.sanfi.sockets.raw.MessageAssembler;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * {@link FrameCheck}'s rules for a connection that negotiated permessage-deflate (RFC 7692), where
 * a message's size and its UTF-8 are those of the <em>inflated</em> bytes. Tyrus's own extension
 * inflates a whole frame into memory before anything counts it, so a 1 MiB frame of zeros would
 * take a GiB; here every compressed message is inflated alongside, a few KiB at a time, into
 * chapter 3's {@link MessageAssembler}, and the frame that goes over the limit is stopped (1009)
 * before its last byte, which Tyrus waits for, reaches Tyrus. Tyrus then inflates only frames
 * known to fit.
 *
 * <p>Chapter 3's {@code FrameParser} refuses any RSV bit, as it knows no extension; this class
 * follows the frames with chapter 3's {@link FrameHeaderReader} instead and adds §6.1's rule: RSV1
 * on the first frame of a data message marks it compressed, RSV1 anywhere else (a control frame, a
 * continuation) and RSV2 or RSV3 anywhere are 1002. Data that does not inflate is 1007. A message
 * whose DEFLATE data ends in a final block (BFINAL; RFC 7692 §7.2.3.4 allows it, no browser sends
 * it) is 1003: Tyrus's extension would loop forever on the bytes after that block. No I/O: bytes
 * in, verdict out; one inflater per connection, ended by {@link #end()}.
 */
final class InflatingFrameCheck implements FrameStream {

    /** RFC 7692 §7.2.2: the receiver appends the 00 00 ff ff the sender removed, at the end of each message. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    private static final int RSV1 = 0b100;
    private static final byte[] NOTHING = new byte[0];
    /** How much is inflated at a time: the most one look at a frame holds beyond the message itself. */
    private static final int INFLATE_CHUNK = 8 * 1024;

    private final int maxMessageBytes;
    private final long maxCompressedFrame;
    private final FrameHeaderReader headers = new FrameHeaderReader();
    private final MessageAssembler messages;
    private final Inflater inflater = new Inflater(true); // raw DEFLATE, no zlib wrapper (§7.2.1)
    private final byte[] inflated = new byte[INFLATE_CHUNK];
    private final byte[] control = new byte[FrameHeader.MAX_CONTROL_PAYLOAD];

    private FrameHeader header;
    private long payloadRead;
    private int controlCount;
    /** Whether the data message in progress is compressed; decided by its first frame's RSV1. */
    private boolean compressed;
    private boolean done;
    private volatile boolean emptyCloseSeen;

    /** @param maxMessageBytes the limit of one inflated message, and of one uncompressed frame */
    InflatingFrameCheck(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        // A compressed frame may be a little larger than what it inflates to (stored blocks cost
        // 5 bytes per 64 KiB); the bound of zlib's deflateBound, so that a message at the limit
        // still fits in one frame. The inflated size is what the limit is about.
        this.maxCompressedFrame = (long) maxMessageBytes + (maxMessageBytes >> 12) + (maxMessageBytes >> 14) + 13;
        this.messages = new MessageAssembler(maxMessageBytes);
    }

    @Override
    public FrameCheck.Verdict check(ByteBuffer bytes) {
        int start = bytes.position();
        if (done) {
            return new FrameCheck.Verdict(0, null);
        }
        int frameStart = start; // where the frame being read started in this read; 0 for one begun earlier
        try {
            while (true) {
                if (header == null) {
                    FrameHeader next = headers.read(bytes);
                    if (next == null) {
                        return new FrameCheck.Verdict(bytes.position() - start, null);
                    }
                    startFrame(next);
                }
                boolean frameDone = header.opcode().isControl() ? readControl(bytes) : readData(bytes);
                if (!frameDone) {
                    return new FrameCheck.Verdict(bytes.position() - start, null);
                }
                if (done) { // the client's Close: nothing after it goes on (§5.5.1)
                    return new FrameCheck.Verdict(bytes.position() - start, null);
                }
                header = null;
                frameStart = bytes.position();
            }
        } catch (ProtocolException fault) {
            done = true;
            return new FrameCheck.Verdict(frameStart - start, new FrameCheck.Fault(fault.closeCode().code(), fault.getMessage()));
        }
    }

    /** The rules of a header that depend on the connection (RFC 6455 §5.1, §5.2; RFC 7692 §6.1). */
    private void startFrame(FrameHeader next) throws ProtocolException {
        if ((next.rsv() & ~RSV1) != 0) {
            throw protocolError("RSV2 or RSV3 set; permessage-deflate uses RSV1 only (RFC 7692 §6)");
        }
        boolean rsv1 = next.rsv() == RSV1;
        if (rsv1 && (next.opcode().isControl() || next.opcode() == Opcode.CONTINUATION)) {
            throw protocolError("RSV1 on a " + next.opcode() + " frame: only a message's first frame carries it (RFC 7692 §6.1)");
        }
        if (!next.masked()) {
            throw protocolError("unmasked frame from a client: clients must mask every frame (§5.1)");
        }
        if (next.opcode() == Opcode.TEXT || next.opcode() == Opcode.BINARY) {
            compressed = rsv1;
        }
        long limit = !next.opcode().isControl() && compressed ? maxCompressedFrame : maxMessageBytes;
        if (next.payloadLength() > limit) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "frame of " + next.payloadLength() + " bytes, over the limit of " + limit);
        }
        header = next;
        payloadRead = 0;
        controlCount = 0;
    }

    /** A control frame, whole (§5.5): only a Close needs a look. */
    private boolean readControl(ByteBuffer bytes) throws ProtocolException {
        int length = (int) header.payloadLength();
        int take = Math.min(length - controlCount, bytes.remaining());
        bytes.get(control, controlCount, take);
        controlCount += take;
        if (controlCount < length) {
            return false;
        }
        if (header.opcode() == Opcode.CLOSE) {
            byte[] payload = Arrays.copyOf(control, length);
            header.unmask(0, payload, 0, length);
            emptyCloseSeen = ClosePayload.parse(payload).isEmpty();
            done = true;
        }
        return true;
    }

    /** The next piece of a data frame, checked as it arrives: inflated first if its message is compressed. */
    private boolean readData(ByteBuffer bytes) throws ProtocolException {
        int take = (int) Math.min(bytes.remaining(), header.payloadLength() - payloadRead);
        byte[] piece = new byte[take];
        bytes.get(piece);
        header.unmask(payloadRead, piece, 0, take);
        boolean first = payloadRead == 0;
        payloadRead += take;
        boolean frameEnd = payloadRead == header.payloadLength();
        if (take == 0 && !frameEnd) {
            return false;
        }
        boolean messageEnd = frameEnd && header.fin();
        if (!compressed) {
            messages.accept(new Frame(messageEnd, first ? header.opcode() : Opcode.CONTINUATION, piece));
            return frameEnd;
        }
        if (first) {
            // The frame itself, empty, so that the assembler checks the order of fragments (§5.4) as for any message.
            messages.accept(new Frame(false, header.opcode(), NOTHING));
        }
        inflate(piece);
        if (messageEnd) {
            inflate(TAIL);
            messages.accept(new Frame(true, Opcode.CONTINUATION, NOTHING)); // the end: the last UTF-8 check (§8.1)
        }
        return frameEnd;
    }

    /** Inflates compressed bytes into the assembler, a chunk at a time, so that the limit stops it early. */
    private void inflate(byte[] compressedBytes) throws ProtocolException {
        inflater.setInput(compressedBytes);
        try {
            while (true) {
                int n = inflater.inflate(inflated);
                if (n > 0) {
                    // Counted and UTF-8-checked as one more fragment of the message; 1009 once over the limit.
                    messages.accept(new Frame(false, Opcode.CONTINUATION, Arrays.copyOf(inflated, n)));
                } else if (inflater.finished()) {
                    // RFC 7692 §7.2.3.4 allows a final block; Tyrus's extension, handed the bytes after
                    // it (the 00 00 ff ff at least), loops on them forever on a worker thread.
                    throw new ProtocolException(CloseCode.UNSUPPORTED_DATA,
                            "a final DEFLATE block (BFINAL), which this server's Tyrus cannot inflate past");
                } else if (inflater.needsInput()) {
                    return;
                } else if (inflater.needsDictionary()) {
                    throw new DataFormatException("a preset dictionary, which permessage-deflate never uses");
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD_DATA,
                    "compressed data that does not inflate: " + e.getMessage());
        }
    }

    @Override
    public boolean emptyCloseSeen() {
        return emptyCloseSeen;
    }

    /** Frees the inflater's native memory; the connection is gone. */
    @Override
    public void end() {
        inflater.end();
    }

    private static ProtocolException protocolError(String message) {
        return new ProtocolException(CloseCode.PROTOCOL_ERROR, message);
    }
}
