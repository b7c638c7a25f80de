package dev.sanfi.sockets.raw.deflate;

/**
 * permessage-deflate on one connection, once agreed: the compressor for what this side sends and the
 * inflater for what it receives, each with or without context takeover as the agreed parameters say
 * (RFC 7692 §7.1.1): a "server_" parameter is about what the server compresses, a "client_" one about
 * what the client compresses.
 */
public final class PerMessageDeflate {

    private final MessageDeflater deflater;
    private final MessageInflater inflater;

    private PerMessageDeflate(MessageDeflater deflater, MessageInflater inflater) {
        this.deflater = deflater;
        this.inflater = inflater;
    }

    /** A server's side: it compresses with server_*, inflates what the client compressed with client_*. */
    public static PerMessageDeflate forServer(DeflateParameters agreed) {
        return new PerMessageDeflate(new MessageDeflater(!agreed.serverNoContextTakeover()),
                new MessageInflater(!agreed.clientNoContextTakeover()));
    }

    /**
     * A client's side, the mirror image. A server that limits the client's window below 15 bits gets
     * uncompressed messages: {@link java.util.zip.Deflater} cannot keep to a smaller window, and any
     * message may go uncompressed (§6: RSV1 clear).
     */
    public static PerMessageDeflate forClient(DeflateParameters agreed) {
        MessageDeflater deflater = agreed.clientWindowBits() < DeflateParameters.MAX_WINDOW_BITS
                ? null : new MessageDeflater(!agreed.clientNoContextTakeover());
        return new PerMessageDeflate(deflater, new MessageInflater(!agreed.serverNoContextTakeover()));
    }

    /** Whether messages this side sends are compressed. */
    public boolean compresses() {
        return deflater != null;
    }

    /** The compressed payload of a message to send; only when {@link #compresses()}. */
    public byte[] compress(byte[] message) {
        if (deflater == null) {
            throw new IllegalStateException("this side sends its messages uncompressed");
        }
        return deflater.compress(message);
    }

    public MessageInflater inflater() {
        return inflater;
    }

    /** Frees the native memory of both; for the end of the connection. */
    public void release() {
        if (deflater != null) {
            deflater.release();
        }
        inflater.release();
    }
}
