package dev.sanfi.sockets.raw;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Literal bytes for tests, written the way the RFC prints them: {@code of(0x81, 0x05, ...)}. */
public final class WireBytes {

    private WireBytes() {
    }

    public static byte[] of(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} bytes 0, 1, 2, ... 255, 0, 1, ... */
    public static byte[] counting(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
