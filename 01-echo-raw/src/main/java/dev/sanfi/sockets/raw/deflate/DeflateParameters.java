package dev.sanfi.sockets.raw.deflate;

import java.util.StringJoiner;

/**
 * The "agreed parameters" of permessage-deflate (RFC 7692 §7): the parameters of the server's
 * answer, which both sides follow from then on. "server_" parameters are about what the server
 * compresses, "client_" ones about what the client compresses.
 *
 * @param serverNoContextTakeover the server starts a new DEFLATE context for every message (§7.1.1.1)
 * @param clientNoContextTakeover the client starts a new DEFLATE context for every message (§7.1.1.2)
 * @param serverMaxWindowBits     the server's LZ77 window as 2^n bytes, 8 to 15, or 0 when the answer
 *                                does not name it (then up to 15, §7.1.2.1)
 * @param clientMaxWindowBits     the client's LZ77 window, 8 to 15, or 0 when not named (§7.1.2.2)
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {

    /** The extension's name in {@code Sec-WebSocket-Extensions} (§7). */
    public static final String EXTENSION = "permessage-deflate";

    /** §7.1.2: the window is 2^8 to 2^15 bytes; 15 (32 KiB) is DEFLATE's own largest. */
    public static final int MIN_WINDOW_BITS = 8;
    public static final int MAX_WINDOW_BITS = 15;

    /** The plain answer: context takeover both ways, full windows. */
    public static final DeflateParameters DEFAULT = new DeflateParameters(false, false, 0, 0);

    public DeflateParameters {
        requireWindow(serverMaxWindowBits, "serverMaxWindowBits");
        requireWindow(clientMaxWindowBits, "clientMaxWindowBits");
    }

    /** The window the server compresses with, as bits: 15 unless the answer names fewer. */
    public int serverWindowBits() {
        return serverMaxWindowBits == 0 ? MAX_WINDOW_BITS : serverMaxWindowBits;
    }

    /** The window the client compresses with, as bits: 15 unless the answer names fewer. */
    public int clientWindowBits() {
        return clientMaxWindowBits == 0 ? MAX_WINDOW_BITS : clientMaxWindowBits;
    }

    /** The answer's element: {@code permessage-deflate; server_no_context_takeover; client_max_window_bits=10}. */
    public String headerValue() {
        StringJoiner element = new StringJoiner("; ");
        element.add(EXTENSION);
        if (serverNoContextTakeover) {
            element.add("server_no_context_takeover");
        }
        if (clientNoContextTakeover) {
            element.add("client_no_context_takeover");
        }
        if (serverMaxWindowBits != 0) {
            element.add("server_max_window_bits=" + serverMaxWindowBits);
        }
        if (clientMaxWindowBits != 0) {
            element.add("client_max_window_bits=" + clientMaxWindowBits);
        }
        return element.toString();
    }

    private static void requireWindow(int bits, String name) {
        if (bits != 0 && (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS)) {
            throw new IllegalArgumentException(name + " is 8 to 15, or 0 for not named; was " + bits);
        }
    }
}
