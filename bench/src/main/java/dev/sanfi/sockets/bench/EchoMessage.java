package dev.sanfi.sockets.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * The messages of an echo load, all of one kind and size. Each starts with {@link #HEADER} ASCII
 * characters, the message's sequence number on its connection and the time it was due to be sent
 * ({@code System.nanoTime}), 16 hexadecimal digits each, so that an echo says by itself which
 * message it answers and how late it is; the rest is filler, checked in every echo. A text
 * message's filler is JSON like the chat's events, the same in every message (what
 * permessage-deflate is good at); a binary message's is random bytes XOR-ed with a key made from
 * the sequence number, different in every message, so that not even a compressor that remembers
 * the earlier messages (context takeover, RFC 7692 §7.1.1) can shrink it. Text is valid UTF-8
 * (RFC 6455 §5.6).
 */
final class EchoMessage {

    /** Bytes of the sequence number and the send time at the start of every message. */
    static final int HEADER = 32;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON = ",{\"type\":\"message\",\"from\":\"bench\",\"text\":\"the quick brown fox\"}"
            .getBytes(StandardCharsets.US_ASCII);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int opcode;
    private final byte[] bytes;
    /** Binary: the random filler before the per-message key is applied. */
    private final byte[] random;

    /** @param opcode {@link Wire#TEXT} or {@link Wire#BINARY}; {@code size} at least {@link #HEADER} */
    EchoMessage(int opcode, int size) {
        if (opcode != Wire.TEXT && opcode != Wire.BINARY) {
            throw new IllegalArgumentException("text or binary, not opcode " + opcode);
        }
        if (size < HEADER) {
            throw new IllegalArgumentException("a message has at least " + HEADER + " bytes, not " + size);
        }
        this.opcode = opcode;
        this.bytes = new byte[size];
        if (opcode == Wire.TEXT) {
            for (int i = HEADER; i < size; i++) {
                bytes[i] = JSON[(i - HEADER) % JSON.length];
            }
            this.random = null;
        } else {
            this.random = new byte[size];
            new Random(6455).nextBytes(random);
        }
    }

    int opcode() {
        return opcode;
    }

    int size() {
        return bytes.length;
    }

    /** The message with this header; the array is reused by the next call, so send it before. */
    byte[] with(long sequence, long sentAt) {
        putHex(sequence, 0);
        putHex(sentAt, 16);
        if (random != null) {
            long key = key(sequence);
            int i = HEADER;
            for (; i + 8 <= bytes.length; i += 8) {
                LONGS.set(bytes, i, (long) LONGS.get(random, i) ^ key);
            }
            for (; i < bytes.length; i++) {
                bytes[i] = (byte) (random[i] ^ (key >>> (56 - 8 * (i & 7))));
            }
        }
        return bytes;
    }

    /** Whether an echo is one of these: the same opcode and size, a header, and the filler unchanged. */
    boolean matches(int echoOpcode, byte[] array, int offset, int length) {
        if (echoOpcode != opcode || length != bytes.length || !isHex(array, offset, HEADER)) {
            return false;
        }
        if (random == null) {
            return Arrays.equals(array, offset + HEADER, offset + length, bytes, HEADER, bytes.length);
        }
        long key = key(sequence(array, offset));
        int i = HEADER;
        for (; i + 8 <= length; i += 8) {
            if (((long) LONGS.get(array, offset + i) ^ key) != (long) LONGS.get(random, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if ((byte) (array[offset + i] ^ (key >>> (56 - 8 * (i & 7)))) != random[i]) {
                return false;
            }
        }
        return true;
    }

    /** A message's key: its sequence number mixed (SplitMix64's finalizer), so that neighbours share no bytes. */
    private static long key(long sequence) {
        long z = sequence + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The sequence number in a message that {@link #matches}. */
    static long sequence(byte[] array, int offset) {
        return hex(array, offset);
    }

    /** The time the message was due, from a message that {@link #matches}. */
    static long sentAt(byte[] array, int offset) {
        return hex(array, offset + 16);
    }

    private void putHex(long value, int at) {
        for (int i = 15; i >= 0; i--) {
            bytes[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /** 16 hexadecimal digits (checked by {@link #isHex}) as a long. */
    private static long hex(byte[] array, int at) {
        long value = 0;
        for (int i = 0; i < 16; i++) {
            int c = array[at + i];
            value = (value << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return value;
    }

    private static boolean isHex(byte[] array, int at, int count) {
        for (int i = at; i < at + count; i++) {
            int c = array[i];
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
