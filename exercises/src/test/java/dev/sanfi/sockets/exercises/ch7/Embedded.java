package dev.sanfi.sockets.exercises.ch7;

import dev.sanfi.sockets.testkit.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Bytes in and out of a pipeline in an {@link EmbeddedChannel}: no socket, no thread. */
final class Embedded {

    private Embedded() {
    }

    /** An upgrade request for {@code /echo}, with the RFC's sample key and any further header lines. */
    static ByteBuf upgradeRequest(String... moreLines) {
        StringBuilder head = new StringBuilder("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        for (String line : moreLines) {
            head.append(line).append("\r\n");
        }
        return Unpooled.copiedBuffer(head.append("\r\n"), StandardCharsets.ISO_8859_1);
    }

    /** A client frame as it arrives on the wire (masked with the key of RFC 6455 §5.7). */
    static ByteBuf wire(Frame frame) {
        return Unpooled.wrappedBuffer(frame.toBytes());
    }

    /** Everything the pipeline wrote so far, as ISO-8859-1 text (an HTTP head reads as itself). */
    static String outboundText(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) message;
            byte[] chunk = new byte[buf.readableBytes()];
            buf.readBytes(chunk);
            buf.release();
            bytes.writeBytes(chunk);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
