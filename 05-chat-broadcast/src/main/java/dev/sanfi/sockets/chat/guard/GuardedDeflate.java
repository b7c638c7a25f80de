package dev.sanfi.sockets.chat.guard;

import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.ProtocolException;
import dev.sanfi.sockets.raw.deflate.DeflateNegotiation;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.deflate.MessageInflater;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.ContinuousFrame;
import org.java_websocket.framing.DataFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/**
 * Java-WebSocket's {@link PerMessageDeflateExtension} (RFC 7692) with its gaps closed. The library
 * compresses what the chat sends, as it does by itself; what it gets wrong is kept from the wire:
 *
 * <ul>
 *   <li><b>Inflating.</b> The library inflates a whole frame into memory, without a limit: a frame
 *       of a megabyte that inflates to a gigabyte is a gigabyte on the heap before anything counts
 *       it. Here the frames of a compressed message are inflated with chapter 3's
 *       {@link MessageInflater} in steps of 16 KiB, each counted against the message limit at once,
 *       and the message is refused with 1009 at the step that passes it; data that is not DEFLATE
 *       with 1007, as chapter 3's server does. The library also inflates a frame again from its first
 *       byte when bytes are left after a final DEFLATE block.</li>
 *   <li><b>Negotiating.</b> The library accepts any offer that names permessage-deflate, whatever its
 *       parameters, so an offer of {@code server_max_window_bits=10} is accepted with an answer that
 *       leaves the window out (RFC 7692 §7.1.2.1 wants it named, or the offer declined). Here
 *       {@link DeflateNegotiation} of chapter 3 takes the first offer §7 lets the server accept.</li>
 *   <li><b>Broadcasting.</b> {@code broadcast()} frames a message once for all members whose drafts
 *       are alike, and every member's extension then compresses that same frame object in place — the
 *       second member gets the first one's compressed bytes compressed again. Here a frame that is
 *       already compressed (RSV1 set) is left as it is: the chat always answers
 *       {@code server_no_context_takeover} (as the library does), so every member's compressor starts
 *       each message afresh and would make the very same bytes.</li>
 *   <li><b>Failing.</b> A refusal the library makes by throwing is logged with its stack trace. Here
 *       a frame that breaks a rule is only marked ({@link RefusingExtension}) and emptied, and
 *       {@link GuardedDraft} closes the connection with its code when the frame's turn comes, after
 *       the frames before it. The RSV bits in the wrong place never get here: {@link InboundFrames}
 *       refuses them before the library reads them.</li>
 * </ul>
 *
 * One instance per connection: the library copies the extension into each connection's draft.
 */
public final class GuardedDeflate extends PerMessageDeflateExtension implements RefusingExtension {

    private final int maxMessageBytes;
    private DeflateParameters agreed;
    /** Inflates what the peer compressed; made when the extension is agreed. */
    private MessageInflater inflater;
    private boolean compressedMessage;
    private long messageBytes;
    private Framedata refusedFrame;
    private CloseCode refusalCode;
    private String refusalReason;

    /** @param maxMessageBytes a message that inflates past this gets Close 1009 */
    public GuardedDeflate(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public IExtension copyInstance() {
        GuardedDeflate copy = new GuardedDeflate(maxMessageBytes);
        copy.setThreshold(getThreshold());
        return copy;
    }

    // ---------------------------------------------------------------------------------------------
    // Negotiation (RFC 7692 §7)
    // ---------------------------------------------------------------------------------------------

    /** The server's side: the first offer §7 lets it accept, or none (the library then goes on uncompressed). */
    @Override
    public boolean acceptProvidedExtensionAsServer(String offers) {
        DeflateParameters accepted = DeflateNegotiation.answer(List.of(offers)).accepted();
        if (accepted == null) {
            return false;
        }
        // §7.1.1.1: a server may add server_no_context_takeover; this one always does (see broadcasting).
        agreed = new DeflateParameters(true, accepted.clientNoContextTakeover(), accepted.serverMaxWindowBits(),
                accepted.clientMaxWindowBits());
        setServerNoContextTakeover(true);
        inflater = new MessageInflater(!agreed.clientNoContextTakeover());
        return true;
    }

    @Override
    public String getProvidedExtensionAsServer() {
        return agreed == null ? "" : agreed.headerValue();
    }

    /** The client's offer: permessage-deflate with no parameters, the JDK's one window either way. */
    @Override
    public String getProvidedExtensionAsClient() {
        return DeflateParameters.EXTENSION;
    }

    /** The client's side: the server's answer, checked as §7 says a client must. */
    @Override
    public boolean acceptProvidedExtensionAsClient(String answer) {
        try {
            agreed = DeflateNegotiation.readAnswer(List.of(answer));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (agreed == null) {
            return false;
        }
        setServerNoContextTakeover(agreed.clientNoContextTakeover()); // the library's flag for its own compressor
        inflater = new MessageInflater(!agreed.serverNoContextTakeover());
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // Frames (RFC 7692 §6, §7.2)
    // ---------------------------------------------------------------------------------------------

    /**
     * Nothing to check: the library's own check throws, and {@link InboundFrames} has refused every
     * RSV bit in a place RFC 7692 §6 forbids before the library read the frame.
     */
    @Override
    public void isFrameValid(Framedata frame) {
    }

    @Override
    public void decodeFrame(Framedata frame) {
        if (refusedFrame != null) {
            empty(frame); // the refused frame, or one after it: nothing of it is processed
            return;
        }
        if (!(frame instanceof DataFrame data)) {
            return;
        }
        if (!(frame instanceof ContinuousFrame)) {
            compressedMessage = frame.isRSV1(); // §6: the first frame says whether the message is compressed
            messageBytes = 0;
        }
        if (!compressedMessage) {
            return; // sent uncompressed: InboundFrames holds it to the limit as it arrives
        }
        ByteBuffer payload = data.getPayloadData();
        byte[] compressed = new byte[payload.remaining()];
        payload.duplicate().get(compressed);
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        try {
            inflater.inflate(compressed, frame.isFin(), step -> {
                messageBytes += step.length;
                if (messageBytes > maxMessageBytes) {
                    throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG, "message inflates past " + maxMessageBytes + " bytes");
                }
                inflated.writeBytes(step);
            });
        } catch (ProtocolException e) {
            refuse(frame, e.closeCode(), e.getMessage());
            empty(frame);
            return;
        }
        data.setPayload(ByteBuffer.wrap(inflated.toByteArray()));
        data.setRSV1(false); // inflated: no longer compressed, for the library's checks after this
    }

    /** A frame that is compressed already, for another member of the same broadcast, stays as it is. */
    @Override
    public void encodeFrame(Framedata frame) {
        if (frame.isRSV1()) {
            return;
        }
        super.encodeFrame(frame);
    }

    @Override
    public void reset() {
        if (inflater != null) {
            inflater.release();
        }
        super.reset();
    }

    @Override
    public boolean refuses(Framedata frame) {
        return frame == refusedFrame;
    }

    @Override
    public int refusalCode() {
        return refusalCode.code();
    }

    @Override
    public String refusalReason() {
        return refusalReason;
    }

    private void refuse(Framedata frame, CloseCode code, String reason) {
        refusedFrame = frame;
        refusalCode = code;
        refusalReason = reason;
    }

    /** Empties a frame the library must not act on, and clears the bits its own checks would throw on. */
    private static void empty(Framedata frame) {
        if (frame instanceof FramedataImpl1 impl) {
            impl.setPayload(ByteBuffer.allocate(0));
            impl.setRSV1(false);
            impl.setRSV2(false);
            impl.setRSV3(false);
        }
    }

    @Override
    public String toString() {
        return "GuardedDeflate";
    }
}
