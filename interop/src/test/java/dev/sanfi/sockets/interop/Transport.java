package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.ServerSettings;
import java.net.URI;

/**
 * What a cell's connection runs over: the third dimension of the interop table. Plain
 * {@code ws://}; {@code wss://}, TLS from the server itself with a certificate made for the test
 * ({@link TestCertificate}), which every client is told to trust and whose host name it checks;
 * and {@code ws://} with permessage-deflate (RFC 7692), which the server accepts and the client
 * offers. Each is a table of its own in chapter 9.
 */
enum Transport {
    WS("ws://", "ws"),
    WSS("wss://", "wss"),
    DEFLATE("ws:// + permessage-deflate", "ws");

    private final String displayName;
    private final String scheme;

    Transport(String displayName, String scheme) {
        this.displayName = displayName;
        this.scheme = scheme;
    }

    /** The server's settings for this transport, from the row's plain ones. */
    ServerSettings serverSettings(ServerSettings plain, TestCertificate certificate) {
        return switch (this) {
            case WS -> plain;
            case WSS -> plain.withTls(certificate.serverContext());
            case DEFLATE -> plain.withDeflate(true);
        };
    }

    /** What a module's client is given: the test certificate's trust for wss://, the offer for deflate. */
    ClientOptions clientOptions(TestCertificate certificate) {
        return switch (this) {
            case WS -> ClientOptions.defaults();
            case WSS -> certificate.clientOptions();
            case DEFLATE -> ClientOptions.defaults().withDeflate(true);
        };
    }

    /** The WebSocket URI of a server on this transport: {@code ws://} or {@code wss://}, host, port and target. */
    URI uri(String host, int port, String target) {
        return URI.create(scheme + "://" + host + ":" + port + target);
    }

    /** What a test name and the table show: "wss://". */
    String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
