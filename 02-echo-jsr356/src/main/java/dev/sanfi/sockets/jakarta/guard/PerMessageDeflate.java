package dev.sanfi.sockets.jakarta.guard;

import org.glassfish.tyrus.core.frame.Frame;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * Tyrus's {@link PerMessageDeflateExtension}, compressing per message as RFC 7692 §6 means it: a
 * message is compressed when its first frame has RSV1, and then all its continuations are; a
 * message without RSV1 is not, continuations included.
 *
 * <p>Tyrus's extension inflates every continuation frame, whatever the message's first frame said,
 * so the plain bytes of an uncompressed message's continuations go through its inflater: most fail
 * to inflate, some inflate to something else, and a byte such as {@code 'c'} (a final fixed-Huffman
 * block with more input after it) leaves its inflater finished with input to spare, which its
 * inflating loop then waits on forever, on one of the server's worker threads. So this subclass
 * notes, per connection, whether the message in progress is compressed, and hands Tyrus only the
 * continuations of compressed messages.
 */
public final class PerMessageDeflate extends PerMessageDeflateExtension {

    private static final String COMPRESSED = PerMessageDeflate.class.getName() + ".compressed";
    private static final byte CONTINUATION = 0x0;

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        if (!frame.isControlFrame()) {
            if (frame.getOpcode() != CONTINUATION) {
                context.getProperties().put(COMPRESSED, frame.isRsv1());
            } else if (!Boolean.TRUE.equals(context.getProperties().get(COMPRESSED))) {
                return frame; // a continuation of an uncompressed message: its bytes are the message's
            }
        }
        return super.processIncoming(context, frame);
    }
}
