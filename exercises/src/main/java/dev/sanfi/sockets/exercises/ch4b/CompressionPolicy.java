package dev.sanfi.sockets.exercises.ch4b;

import dev.sanfi.sockets.raw.FrameWriter;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.deflate.MessageDeflater;
import java.nio.ByteBuffer;

/**
 * Chapter 4b, exercise 3: a server that decides for each message whether to compress it. RSV1 is
 * set per message "so that an endpoint can choose not to compress messages with incompressible
 * contents" (RFC 7692 §1), so a sender may send any message plain, once permessage-deflate is agreed.
 *
 * <p>The catch is context takeover: a message the deflater has compressed is in the sender's window
 * from then on, but the receiver's window holds only what it inflated. Sent plain after all, the
 * message is missing from the receiver's window, and the next message that refers back into it
 * cannot be inflated. So with context takeover the choice is made before compressing, and a
 * compressed message goes out compressed, even when it grew.
 */
public final class CompressionPolicy {

    private final FrameWriter writer = FrameWriter.forServer();
    private final boolean keepsWindow;
    private final int threshold;
    private final MessageDeflater deflater;

    /**
     * @param agreed    the handshake's agreed parameters; {@code server_no_context_takeover} says
     *                  whether our window carries over from one message to the next (§7.1.1.1)
     * @param threshold messages shorter than this go plain: they would hardly shrink, and cost CPU
     */
    public CompressionPolicy(DeflateParameters agreed, int threshold) {
        this.keepsWindow = !agreed.serverNoContextTakeover();
        this.threshold = threshold;
        this.deflater = new MessageDeflater(keepsWindow);
    }

    /** The frame for one message: compressed with RSV1 set, or plain. */
    public byte[] frame(Opcode opcode, byte[] message) {
        if (message.length < threshold) {
            return plain(opcode, message);
        }
        byte[] compressed = deflater.compress(message);
        if (!keepsWindow && compressed.length >= message.length) {
            return plain(opcode, message);      // no window to keep in step: nothing is lost
        }
        ByteBuffer out = ByteBuffer.allocate(writer.frameLength(compressed.length));
        writer.writeCompressed(opcode, compressed, out);
        return out.array();
    }

    private byte[] plain(Opcode opcode, byte[] message) {
        return writer.frame(opcode, message);
    }

    /** Frees the deflater's native memory, at the end of the connection. */
    public void release() {
        deflater.release();
    }
}
