package dev.sanfi.sockets.common;

/** The fixed names of the echo protocol that every module serves (see docs/ and DESIGN §2). */
public final class EchoProtocol {

    /** Where the WebSocket endpoint lives: {@code ws://HOST:PORT/echo}. */
    public static final String ECHO_PATH = "/echo";

    /** Where the browser page is served: {@code http://HOST:PORT/}. */
    public static final String PAGE_PATH = "/";

    /** RFC 6455 §4.1: the only {@code Sec-WebSocket-Version} a server of this protocol speaks. */
    public static final String WEBSOCKET_VERSION = "13";

    /** RFC 6455 §7.4.1: the close code a client sends when it is done. */
    public static final int NORMAL_CLOSURE = 1000;

    /** RFC 6455 §7.4.1: the close code a server sends when it stops or drops an idle peer. */
    public static final int GOING_AWAY = 1001;

    /** RFC 6455 §7.4.1: reserved for "closed without a Close frame"; never sent on the wire. */
    public static final int ABNORMAL_CLOSURE = 1006;

    private EchoProtocol() {
    }
}
