package dev.sanfi.sockets.raw;

/**
 * The peer broke RFC 6455: the connection must be failed (§7.1.7) with {@link #closeCode()}.
 *
 * <p>Each check that finds an error knows which code fits it (1002 for a malformed frame, 1007 for
 * invalid UTF-8, 1009 for a message too big), so the code travels with the exception to the one
 * place that sends the Close frame.
 */
public final class ProtocolException extends Exception {

    private final CloseCode closeCode;

    public ProtocolException(CloseCode closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** The code of the Close frame to fail the connection with. */
    public CloseCode closeCode() {
        return closeCode;
    }
}
