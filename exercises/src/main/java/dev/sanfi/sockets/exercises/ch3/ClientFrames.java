package dev.sanfi.sockets.exercises.ch3;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Chapter 3, exercise 3: write a client's text frame by hand — FIN and opcode, MASK and the
 * shortest length form, the key, and the payload XORed with it (§5.2, §5.3).
 */
public final class ClientFrames {

    private ClientFrames() {
    }

    /** One final, masked text frame carrying {@code text}, masked with the 4-byte {@code key}. */
    public static byte[] maskedText(String text, byte[] key) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int lengthBytes = payload.length <= 125 ? 0 : payload.length <= 0xFFFF ? 2 : 8;
        ByteBuffer frame = ByteBuffer.allocate(2 + lengthBytes + 4 + payload.length);
        frame.put((byte) 0x81);                                 // FIN, RSV 000, opcode 1 (text)
        if (lengthBytes == 0) {
            frame.put((byte) (0x80 | payload.length));          // MASK, and the length itself
        } else if (lengthBytes == 2) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        frame.put(key);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ key[i % 4]));
        }
        return frame.array();
    }
}
