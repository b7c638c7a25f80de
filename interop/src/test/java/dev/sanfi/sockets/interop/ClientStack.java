package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.jakarta.JakartaEchoClient;
import dev.sanfi.sockets.jetty.JettyEchoClient;
import dev.sanfi.sockets.netty.NettyEchoClient;
import dev.sanfi.sockets.raw.RawEchoClient;
import dev.sanfi.sockets.spring.SpringEchoClient;

/**
 * The clients: the rows of the interop table. The five modules' own, two Java libraries that are
 * not ours, and two clients in other languages, each a script in its own process
 * ({@link ScriptedEchoClient}).
 */
enum ClientStack {
    RAW("01-echo-raw", "`RawEchoClient`", RawEchoClient::connect),
    TYRUS("02-echo-jsr356", "`JakartaEchoClient` on Tyrus", JakartaEchoClient::connect),
    JETTY("03-echo-jetty", "`JettyEchoClient`", JettyEchoClient::connect),
    NETTY("04-echo-netty", "`NettyEchoClient`", NettyEchoClient::connect),
    SPRING("06-echo-spring", "`SpringEchoClient` on Spring's `StandardWebSocketClient`", SpringEchoClient::connect),
    JAVA_WEBSOCKET("Java-WebSocket", "`org.java_websocket.client.WebSocketClient`", JavaWebSocketEchoClient::connect),
    JDK("JDK", "`java.net.http.WebSocket`", JdkEchoClient::connect),
    NODE_WS("Node ws", "`ws`'s `WebSocket`, in a `node` process",
            (uri, options, events) -> ScriptedEchoClient.connect(OutsideRuntime.NODE, "src/test/node/echo-client.js", uri, events)),
    PYTHON_WEBSOCKETS("Python websockets", "`websockets.connect`, in a `python3` process",
            (uri, options, events) -> ScriptedEchoClient.connect(OutsideRuntime.PYTHON, "src/test/python/echo_client.py", uri, events));

    private final String name;
    private final String api;
    private final EchoClientSession.Connector connector;

    ClientStack(String name, String api, EchoClientSession.Connector connector) {
        this.name = name;
        this.api = api;
        this.connector = connector;
    }

    /** The client's module or library, as a test name and the table show it. */
    String displayName() {
        return name;
    }

    /** The class the client is, in the table's Markdown. */
    String api() {
        return api;
    }

    EchoClientSession.Connector connector() {
        return connector;
    }

    /** Whether the client's API can send a Ping of its own (see {@link PingingSession}). */
    boolean canPing() {
        return this != RAW && this != TYRUS && this != JETTY && this != NETTY && this != SPRING;
    }

    /**
     * Whether the client still reads the server's Close after one of its own writes failed because
     * the server reset the connection. The JDK's and Java-WebSocket's clients take the failed write
     * for the end of the connection and report 1006, even when the Close had arrived (chapter 9).
     */
    boolean readsAfterAFailedWrite() {
        return this != JAVA_WEBSOCKET && this != JDK;
    }

    @Override
    public String toString() {
        return name;
    }
}
