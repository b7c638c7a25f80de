package dev.sanfi.sockets.spring.guard;

import jakarta.websocket.Extension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.tomcat.websocket.MessagePart;
import org.apache.tomcat.websocket.Transformation;
import org.apache.tomcat.websocket.TransformationResult;

/**
 * Tomcat's permessage-deflate, with RSV1 refused on a continuation frame. RFC 7692 §6.1: the
 * "Per-Message Compressed" bit is set on the first frame of a compressed message and on no other
 * frame; a peer that sets it elsewhere breaks the protocol, and RFC 6455 §5.2 has the connection
 * failed (1002). Tomcat's extension lets RSV1 through on any data frame and decides from the first
 * frame alone whether the message is compressed: RSV1 on a continuation goes unnoticed, its payload
 * inflated or passed on as it came (and an uncompressed text so corrupted then fails as invalid
 * UTF-8, 1007). Tomcat's frame parser asks the extension chain about each frame's RSV bits before
 * anything else; this answers that question first and leaves everything else to Tomcat's extension.
 */
final class Rsv1OnFirstFrame implements Transformation {

    /** RFC 6455 §5.2: opcode 0 is a continuation frame. */
    private static final byte CONTINUATION = 0;
    /** RSV1, as Tomcat passes the RSV bits (RSV1 the highest of three). */
    private static final int RSV1 = 0b100;

    private final Transformation deflate;

    Rsv1OnFirstFrame(Transformation deflate) {
        this.deflate = deflate;
    }

    @Override
    public boolean validateRsv(int rsv, byte opCode) {
        if (opCode == CONTINUATION && (rsv & RSV1) != 0) {
            return false;
        }
        return deflate.validateRsv(rsv, opCode);
    }

    @Override
    public void setNext(Transformation next) {
        deflate.setNext(next);
    }

    @Override
    public boolean validateRsvBits(int bitsInUse) {
        return deflate.validateRsvBits(bitsInUse);
    }

    @Override
    public Extension getExtensionResponse() {
        return deflate.getExtensionResponse();
    }

    @Override
    public TransformationResult getMoreData(byte opCode, boolean fin, int rsv, ByteBuffer dest) throws IOException {
        return deflate.getMoreData(opCode, fin, rsv, dest);
    }

    @Override
    public List<MessagePart> sendMessagePart(List<MessagePart> messageParts) throws IOException {
        return deflate.sendMessagePart(messageParts);
    }

    @Override
    public void close() {
        deflate.close();
    }
}
