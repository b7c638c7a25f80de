package dev.sanfi.sockets.common;

/** The fixed names of the echo protocol that every module serves (see docs/contract.md). */
public final class EchoProtocol {

    /** Where the WebSocket endpoint lives: {@code ws://HOST:PORT/echo}. */
    public static final String ECHO_PATH = "/echo";

    /** Where the browser page is served: {@code http://HOST:PORT/}. */
    public static final String PAGE_PATH = "/";

    /** RFC 6455 §4.1: the only {@code Sec-WebSocket-Version} a server of this protocol speaks. */
    public static final String WEBSOCKET_VERSION = "13";

    private EchoProtocol() {
    }
}
