package dev.sanfi.sockets.common;

/** What a WebSocket client hears from the server; each module's client calls these. */
public interface ClientEvents {

    void onText(String text);

    void onBinary(byte[] data);

    /**
     * The connection is closed: with the code and reason of the server's Close frame, or with
     * {@link CloseCodes#ABNORMAL_CLOSURE} 1006 when it ended without one. Called once.
     */
    void onClose(int code, String reason);

    /** Something went wrong that is not a close, e.g. a failed send. */
    void onError(Throwable error);
}
