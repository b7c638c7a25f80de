package dev.sanfi.sockets.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Literal bytes for pipeline tests: the RFC 6455 samples, masked client frames, the server's output. */
public final class WireBytes {

    /** RFC 6455 §1.3: the sample key and the accept value it must produce. */
    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    public static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** RFC 6455 §5.7: the mask key of the masked "Hello" example. */
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    public static final int FIN = 0x80;
    public static final int RSV1 = 0x40;
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private WireBytes() {
    }

    public static ByteBuf upgradeRequest() {
        return ascii("GET /echo HTTP/1.1\r\n"
                + "Host: localhost:8084\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n");
    }

    /** The upgrade request, offering the extensions given (RFC 6455 §9.1), e.g. {@code permessage-deflate}. */
    public static ByteBuf upgradeRequest(String extensions) {
        return ascii("GET /echo HTTP/1.1\r\n"
                + "Host: localhost:8084\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: " + extensions + "\r\n"
                + "\r\n");
    }

    /**
     * What permessage-deflate sends for one message (RFC 7692 §7.2.1): the raw DEFLATE of the bytes
     * with a sync flush, without the {@code 00 00 ff ff} the flush ends with; a fresh compressor
     * for each call, so no context is taken over.
     */
    public static byte[] deflated(byte[] data) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length, java.util.zip.Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length || !deflater.needsInput());
            byte[] flushed = out.toByteArray();
            return java.util.Arrays.copyOf(flushed, flushed.length - 4);
        } finally {
            deflater.end();
        }
    }

    /** {@link #deflated} of {@code count} zero bytes, made without holding them: a deflate bomb. */
    public static byte[] deflatedZeros(long count) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        try {
            byte[] zeros = new byte[1024 * 1024];
            byte[] chunk = new byte[64 * 1024];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (long left = count; left > 0; left -= zeros.length) {
                deflater.setInput(zeros, 0, (int) Math.min(left, zeros.length));
                while (!deflater.needsInput()) {
                    out.write(chunk, 0, deflater.deflate(chunk));
                }
            }
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length, java.util.zip.Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length);
            byte[] flushed = out.toByteArray();
            return java.util.Arrays.copyOf(flushed, flushed.length - 4);
        } finally {
            deflater.end();
        }
    }

    /**
     * {@code data} as DEFLATE stored blocks of {@code blockBytes} each (RFC 1951 §3.2.4: a byte of
     * BFINAL 0 and BTYPE 00, then LEN and NLEN), ended by a sync flush without its last four bytes
     * (RFC 7692 §7.2.1): how zlib sends bytes it cannot compress, its memLevel setting the block size.
     */
    public static byte[] storedBlocks(byte[] data, int blockBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += blockBytes) {
            int length = Math.min(blockBytes, data.length - at);
            out.write(0);
            out.write(length);
            out.write(length >> 8);
            out.write(~length);
            out.write(~length >> 8);
            out.write(data, at, length);
        }
        out.write(0);
        return out.toByteArray();
    }

    public static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    /** A client frame: first byte as given, masked with the §5.7 key. */
    public static ByteBuf masked(int firstByte, byte[] payload) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte(firstByte);
        if (payload.length < 126) {
            frame.writeByte(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.writeByte(0x80 | 126);
            frame.writeShort(payload.length);
        } else {
            frame.writeByte(0x80 | 127);
            frame.writeLong(payload.length);
        }
        frame.writeBytes(MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ MASK[i % 4]);
        }
        return frame;
    }

    public static ByteBuf masked(int firstByte, String utf8) {
        return masked(firstByte, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** A Close body: the code in two bytes, then the reason's bytes. */
    public static byte[] closeBody(int code, byte... reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (code >> 8);
        body[1] = (byte) code;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return body;
    }

    /** Everything the server wrote so far, in order. */
    public static byte[] outbound(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) message;
            byte[] chunk = new byte[buf.readableBytes()];
            buf.readBytes(chunk);
            bytes.writeBytes(chunk);
            buf.release();
        }
        return bytes.toByteArray();
    }

    public static String outboundText(EmbeddedChannel channel) {
        return new String(outbound(channel), StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
