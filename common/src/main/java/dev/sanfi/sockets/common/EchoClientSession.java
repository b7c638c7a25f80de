package dev.sanfi.sockets.common;

/** An open client connection, whatever the stack, as the console client uses it. */
public interface EchoClientSession extends AutoCloseable {

    void sendText(String text) throws Exception;

    void sendBinary(byte[] data) throws Exception;

    /** Starts the closing handshake; {@link ClientEvents#onClose} follows when it is done. */
    void sendClose(int code, String reason) throws Exception;

    /** Frees the connection's socket and threads, closing it abruptly if still open. Idempotent. */
    @Override
    void close();

    /** How a module's client connects; it has finished the opening handshake when this returns. */
    @FunctionalInterface
    interface Connector {
        /**
         * @throws Exception when the server cannot be reached or refuses the upgrade, within
         *                   {@link Limits#HANDSHAKE_TIMEOUT}
         */
        EchoClientSession connect(java.net.URI uri, ClientOptions options, ClientEvents events) throws Exception;

        /** Connects with {@link ClientOptions#defaults()}. */
        default EchoClientSession connect(java.net.URI uri, ClientEvents events) throws Exception {
            return connect(uri, ClientOptions.defaults(), events);
        }
    }
}
