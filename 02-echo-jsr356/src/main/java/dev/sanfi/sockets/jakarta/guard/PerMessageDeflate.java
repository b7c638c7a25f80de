package dev.sanfi.sockets.jakarta.guard;

import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.glassfish.tyrus.core.TyrusExtension;
import org.glassfish.tyrus.core.frame.Frame;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * Tyrus's {@link PerMessageDeflateExtension}, with what it lacks for RFC 7692: its compressor and
 * inflater, its way of reading a message, stay Tyrus's; this subclass corrects where they meet the
 * RFC's edges.
 * <ul>
 *   <li><b>Per message</b> (§6): a message is compressed when its first frame has RSV1, and then so
 *       are its continuations. Tyrus inflates every continuation frame, also those of an uncompressed
 *       message, and some plain bytes (the letter {@code c}: a final fixed-Huffman block with input to
 *       spare) leave its inflater finished with bytes left over, on which its loop
 *       ({@code while (inflater.getRemaining() > 0)}) waits forever, on a worker thread.</li>
 *   <li><b>A final block</b> (§7.2.3.4): for the same reason a message whose DEFLATE data ends with
 *       BFINAL set would hang it, the 4-byte tail still to inflate. Its inflater is replaced by one
 *       that has nothing remaining once finished, and a new stream starts after such a message.</li>
 *   <li><b>An empty message</b> (§7.2.3.6): zlib makes nothing of no input right after a flush, and
 *       Tyrus sends that nothing, which leaves the peer's inflater inside a half-read block; the RFC's
 *       empty message is the single byte {@code 00}.</li>
 *   <li><b>Parameters</b> (§7.1): Tyrus's extension answers none and keeps its window. With
 *       {@code server_no_context_takeover} offered it is now answered and kept (a fresh window for
 *       every message sent), and {@code server_max_window_bits=15} is answered with 15, the window
 *       {@link Deflater} compresses with. {@code DeflateNegotiation} lets no other offer through. On
 *       the client's side a server's {@code client_no_context_takeover} is kept the same way.</li>
 * </ul>
 * The server's container installs it; the module's client offers it, for the same reasons.
 * Tyrus keeps its inflater and compressor in the extension context's properties; they are found
 * there by their type, so that no private name of Tyrus's is relied on.
 */
public final class PerMessageDeflate extends PerMessageDeflateExtension {

    private static final String COMPRESSED = PerMessageDeflate.class.getName() + ".compressed";
    private static final String NO_CONTEXT_TAKEOVER = PerMessageDeflate.class.getName() + ".noContextTakeover";
    private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    private static final byte CONTINUATION = 0x0;
    /** RFC 7692 §7.2.3.6: an empty message, compressed: the first byte of an empty stored block. */
    private static final byte[] EMPTY_MESSAGE = {0x00};

    /** The server's side: the one offer {@code DeflateNegotiation} let through, answered. */
    @Override
    public List<Extension.Parameter> onExtensionNegotiation(ExtensionContext context, List<Extension.Parameter> requested) {
        super.onExtensionNegotiation(context, requested); // makes Tyrus's inflater and compressor
        replaceInflater(context);
        List<Extension.Parameter> answer = new ArrayList<>();
        for (Extension.Parameter parameter : requested) {
            if (SERVER_NO_CONTEXT_TAKEOVER.equals(parameter.getName())) {
                context.getProperties().put(NO_CONTEXT_TAKEOVER, Boolean.TRUE);
                answer.add(new TyrusExtension.TyrusParameter(SERVER_NO_CONTEXT_TAKEOVER, null));
            } else if (SERVER_MAX_WINDOW_BITS.equals(parameter.getName())) {
                answer.add(new TyrusExtension.TyrusParameter(SERVER_MAX_WINDOW_BITS, "15"));
            }
        }
        return answer;
    }

    /** The client's side: the server's answer has come. */
    @Override
    public void onHandshakeResponse(ExtensionContext context, List<Extension.Parameter> answered) {
        super.onHandshakeResponse(context, answered); // makes Tyrus's inflater and compressor
        replaceInflater(context);
        for (Extension.Parameter parameter : answered) {
            if (CLIENT_NO_CONTEXT_TAKEOVER.equals(parameter.getName())) {
                context.getProperties().put(NO_CONTEXT_TAKEOVER, Boolean.TRUE); // §7.1.1.2: the server said so
            }
        }
    }

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        if (frame.isControlFrame()) {
            return frame;
        }
        if (frame.getOpcode() != CONTINUATION) {
            context.getProperties().put(COMPRESSED, frame.isRsv1());
        } else if (!Boolean.TRUE.equals(context.getProperties().get(COMPRESSED))) {
            return frame; // a continuation of an uncompressed message: its bytes are the message's
        }
        Frame inflated = super.processIncoming(context, frame);
        Inflater inflater = find(context, Inflater.class);
        if (frame.isFin() && inflater != null && inflater.finished()) {
            inflater.reset(); // BFINAL ended the sender's stream (§7.2.3.4): the next message starts a new one
        }
        return inflated;
    }

    @Override
    public Frame processOutgoing(ExtensionContext context, Frame frame) {
        Frame compressed = super.processOutgoing(context, frame);
        if (frame.isControlFrame()) {
            return compressed;
        }
        if (frame.isFin() && Boolean.TRUE.equals(context.getProperties().get(NO_CONTEXT_TAKEOVER))) {
            Deflater deflater = find(context, Deflater.class);
            if (deflater != null) {
                deflater.reset(); // §7.1.1: the next message may not refer to this one
            }
        }
        if (compressed.getPayloadLength() == 0) {
            return Frame.builder(compressed).payloadData(EMPTY_MESSAGE.clone()).payloadLength(EMPTY_MESSAGE.length).build();
        }
        return compressed;
    }

    /** Tyrus's inflater, swapped for one whose {@code getRemaining()} ends Tyrus's loop at the end of a stream. */
    private static void replaceInflater(ExtensionContext context) {
        for (Map.Entry<String, Object> property : context.getProperties().entrySet()) {
            if (property.getValue() instanceof Inflater tyrus) {
                tyrus.end();
                property.setValue(new StreamEndingInflater());
                return;
            }
        }
    }

    private static <T> T find(ExtensionContext context, Class<T> type) {
        for (Object value : context.getProperties().values()) {
            if (type.isInstance(value)) {
                return type.cast(value);
            }
        }
        return null;
    }

    /** Raw DEFLATE (§7.2.1), with nothing left to inflate once a final block has ended the stream. */
    private static final class StreamEndingInflater extends Inflater {
        StreamEndingInflater() {
            super(true);
        }

        @Override
        public int getRemaining() {
            return finished() ? 0 : super.getRemaining();
        }
    }
}
