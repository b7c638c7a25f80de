package dev.sanfi.sockets.bench;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The client's side of permessage-deflate (RFC 7692) for the load: the offer, the server's answer,
 * and a message compressed or inflated with the JDK's zlib ({@code java.util.zip}, raw deflate).
 * The offer has no parameters: the JDK cannot make a window smaller than 32 KiB, so the client does
 * not offer {@code client_max_window_bits} (§7.1.2.2), and an inflater with the full window reads a
 * server's smaller one. The zlib state is made on first use, so a connection that sends nothing
 * costs nothing.
 */
final class PerMessageDeflate {

    static final String OFFER = "permessage-deflate";

    /** §7.2.1: what a sync flush ends with, taken off a compressed message and put back before inflating. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    private final boolean clientNoContextTakeover;
    private Deflater deflater;
    private Inflater inflater;
    private byte[] scratch = new byte[256];

    private PerMessageDeflate(boolean clientNoContextTakeover) {
        this.clientNoContextTakeover = clientNoContextTakeover;
    }

    /**
     * The extension the server's {@code Sec-WebSocket-Extensions} answer agreed to: null when it agreed
     * to none (the answer is null or empty).
     *
     * @throws IllegalArgumentException when the answer is not one the offer allows (§7.1: the client
     *                                  fails the connection)
     */
    static PerMessageDeflate accept(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        if (answer.contains(",")) {
            throw new IllegalArgumentException("more than the one extension offered: " + answer);
        }
        String[] parts = answer.split(";");
        if (!parts[0].trim().equalsIgnoreCase(OFFER)) {
            throw new IllegalArgumentException("an extension that was not offered: " + parts[0].trim());
        }
        boolean clientNoContextTakeover = false;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            String[] nameValue = parts[i].trim().split("=", 2);
            String name = nameValue[0].trim().toLowerCase(Locale.ROOT);
            String value = nameValue.length > 1 ? nameValue[1].trim().replace("\"", "") : null;
            if (!seen.add(name)) {
                throw new IllegalArgumentException("parameter " + name + " twice (§7.1)");
            }
            switch (name) {
                case "client_no_context_takeover" -> clientNoContextTakeover = true;
                case "server_no_context_takeover" -> {
                    // the server starts each message afresh: an inflater that keeps its window still reads it
                }
                case "server_max_window_bits" -> {
                    if (value == null || !value.matches("8|9|1[0-5]")) {
                        throw new IllegalArgumentException("server_max_window_bits=" + value + " (§7.1.2.1: 8 to 15)");
                    }
                }
                default -> throw new IllegalArgumentException("parameter " + name + " was not offered (§7.1)");
            }
            if (name.endsWith("takeover") && value != null) {
                throw new IllegalArgumentException(name + " takes no value (§7.1.1)");
            }
        }
        return new PerMessageDeflate(clientNoContextTakeover);
    }

    /** §7.2.1: the message compressed, flushed to a byte boundary, without the trailing 00 00 FF FF. */
    byte[] compress(byte[] payload, int offset, int length) {
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        }
        deflater.setInput(payload, offset, length);
        int size = 0;
        while (true) {
            if (scratch.length - size < 64) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            int space = scratch.length - size;
            int n = deflater.deflate(scratch, size, space, Deflater.SYNC_FLUSH);
            size += n;
            if (n < space) {
                break; // with a sync flush, a call that fills the space must be repeated with more
            }
        }
        if (clientNoContextTakeover) {
            deflater.reset();
        }
        int end = size >= 4 && endsWithTail(scratch, size) ? size - 4 : size;
        return Arrays.copyOf(scratch, end);
    }

    /** §7.2.2: the message inflated; more than {@code maxBytes} is an error, so a bomb cannot fill the heap. */
    byte[] inflate(byte[] payload, int offset, int length, int maxBytes) throws DataFormatException {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length * 2));
        byte[] chunk = new byte[16 * 1024];
        inflater.setInput(payload, offset, length);
        drain(out, chunk, maxBytes);
        inflater.setInput(TAIL);
        drain(out, chunk, maxBytes);
        if (inflater.finished()) {
            inflater.reset(); // a server that ended its stream with a final block starts the next one afresh
        }
        return out.toByteArray();
    }

    private void drain(ByteArrayOutputStream out, byte[] chunk, int maxBytes) throws DataFormatException {
        while (true) {
            int n = inflater.inflate(chunk);
            if (n == 0) {
                return; // needs input, or the stream is finished
            }
            out.write(chunk, 0, n);
            if (out.size() > maxBytes) {
                throw new DataFormatException("inflates to more than " + maxBytes + " bytes");
            }
        }
    }

    private static boolean endsWithTail(byte[] bytes, int size) {
        for (int i = 0; i < 4; i++) {
            if (bytes[size - 4 + i] != TAIL[i]) {
                return false;
            }
        }
        return true;
    }

    /** The zlib memory, freed when the connection ends. */
    void end() {
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}
