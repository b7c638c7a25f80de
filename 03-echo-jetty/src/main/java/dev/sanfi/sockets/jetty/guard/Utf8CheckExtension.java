package dev.sanfi.sockets.jetty.guard;

import dev.sanfi.sockets.raw.Utf8Validator;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.AbstractExtension;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;

/**
 * {@code @utf8-fail-fast}: an internal extension (its name starts with {@code @}, so it is neither
 * offered nor named in the 101) that checks every incoming text frame as it arrives, with
 * 01-echo-raw's {@link Utf8Validator}: its state carries over from one fragment to the next, so a
 * character split between two frames is whole, and a byte that cannot continue UTF-8 fails the
 * connection with 1007 ({@link BadPayloadException}) at once, before the rest of the message.
 *
 * <p>Jetty's core has such a check, {@code @validation;incoming-utf8}, and this module used it; but
 * it decodes a byte at a time, through Jetty's {@code Utf8StringBuilder} with the characters thrown
 * away: under chapter 9's load of 1 KiB text messages, pinned to one core, it took a quarter to a
 * third of the server's CPU time (JFR; without any check the server echoed 30–50 % more). The
 * validator skips ASCII eight bytes at a time and reads the frame's payload in place. Frames arrive
 * here one at a time per connection, as Jetty's demand hands them on, so the state needs no lock.
 */
public final class Utf8CheckExtension extends AbstractExtension {

    static final String NAME = "@utf8-fail-fast";

    private final Utf8Validator validator = new Utf8Validator();
    /** Inside a text message: its continuation frames are text too (RFC 6455 §5.4). */
    private boolean inText;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        if (frame.isDataFrame()) {                          // control frames may come between fragments
            if (frame.getOpCode() != OpCode.CONTINUATION) {
                inText = frame.getOpCode() == OpCode.TEXT;
                validator.reset();
            }
            if (inText && !(fits(frame) && (!frame.isFin() || validator.isComplete()))) {
                callback.failed(new BadPayloadException("text is not UTF-8"));
                return;
            }
        }
        nextIncomingFrame(frame, callback);
    }

    /** The frame's bytes continue well-formed UTF-8; the payload's position does not move. */
    private boolean fits(Frame frame) {
        return !frame.hasPayload() || validator.feed(frame.getPayload());
    }
}
