package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.jakarta.JakartaEchoClient;
import dev.sanfi.sockets.jetty.JettyEchoClient;
import dev.sanfi.sockets.netty.NettyEchoClient;
import dev.sanfi.sockets.raw.RawEchoClient;
import dev.sanfi.sockets.spring.SpringEchoClient;
import java.net.URI;

/**
 * The clients: the rows of the interop table. The five modules' own, two Java libraries that are
 * not ours, and two clients in other languages, each a script in its own process
 * ({@link ScriptedEchoClient}). Each connects over any {@link Transport}: the Java clients through
 * their {@link ClientOptions} (the test certificate's trust, the permessage-deflate offer), the
 * scripts with the certificate's PEM file; the scripts' libraries offer permessage-deflate on every
 * connection, as they do by default, so a server without it declines their offer in the plain cells.
 */
enum ClientStack {
    RAW("01-echo-raw", "`RawEchoClient`", module(RawEchoClient::connect)),
    TYRUS("02-echo-jsr356", "`JakartaEchoClient` on Tyrus", module(JakartaEchoClient::connect)),
    JETTY("03-echo-jetty", "`JettyEchoClient`", module(JettyEchoClient::connect)),
    NETTY("04-echo-netty", "`NettyEchoClient`", module(NettyEchoClient::connect)),
    SPRING("06-echo-spring", "`SpringEchoClient` on Spring's `StandardWebSocketClient`", module(SpringEchoClient::connect)),
    JAVA_WEBSOCKET("Java-WebSocket", "`org.java_websocket.client.WebSocketClient`", module(JavaWebSocketEchoClient::connect)),
    JDK("JDK", "`java.net.http.WebSocket`", module(JdkEchoClient::connect)),
    NODE_WS("Node ws", "`ws`'s `WebSocket`, in a `node` process", script(OutsideRuntime.NODE, "src/test/node/echo-client.js")),
    PYTHON_WEBSOCKETS("Python websockets", "`websockets.connect`, in a `python3` process",
            script(OutsideRuntime.PYTHON, "src/test/python/echo_client.py"));

    /** How a row's client connects to a URI over a transport, trusting the test certificate for wss://. */
    @FunctionalInterface
    interface Dial {
        EchoClientSession connect(URI uri, Transport transport, TestCertificate certificate, ClientEvents events)
                throws Exception;
    }

    private final String name;
    private final String api;
    private final Dial dial;

    ClientStack(String name, String api, Dial dial) {
        this.name = name;
        this.api = api;
        this.dial = dial;
    }

    /** A client on the JVM: its connector, given the transport's {@link ClientOptions}. */
    private static Dial module(EchoClientSession.Connector connector) {
        return (uri, transport, certificate, events) -> connector.connect(uri, transport.clientOptions(certificate), events);
    }

    /** A client in another process: the script, given the certificate's PEM file for wss://. */
    private static Dial script(OutsideRuntime runtime, String script) {
        return (uri, transport, certificate, events) -> ScriptedEchoClient.connect(runtime, script, uri,
                transport == Transport.WSS ? certificate.pemFile() : null, events);
    }

    /** The client's module or library, as a test name and the table show it. */
    String displayName() {
        return name;
    }

    /** The class the client is, in the table's Markdown. */
    String api() {
        return api;
    }

    EchoClientSession connect(URI uri, Transport transport, TestCertificate certificate, ClientEvents events)
            throws Exception {
        return dial.connect(uri, transport, certificate, events);
    }

    /** Whether the client's API can send a Ping of its own (see {@link PingingSession}). */
    boolean canPing() {
        return this != RAW && this != TYRUS && this != JETTY && this != NETTY && this != SPRING;
    }

    /**
     * Whether the client can offer permessage-deflate. The JDK's {@code java.net.http.WebSocket}
     * offers no extension at all: its builder refuses a {@code Sec-WebSocket-Extensions} header.
     */
    boolean offersDeflate() {
        return this != JDK;
    }

    /**
     * Whether the client sends a compressed message as a series of frames rather than one: Jetty's
     * and Tomcat's (Spring's client) permessage-deflate send 8 KiB of compressed bytes a frame.
     */
    boolean fragmentsCompressedMessages() {
        return this == JETTY || this == SPRING;
    }

    /** Whether the client runs over this transport; the table says why not where it does not. */
    boolean supports(Transport transport) {
        return transport != Transport.DEFLATE || offersDeflate();
    }

    /**
     * Whether the client still reads the server's Close after one of its own writes failed because
     * the server reset the connection. The JDK's and Java-WebSocket's clients take the failed write
     * for the end of the connection and report 1006, even when the Close had arrived (chapter 9).
     */
    boolean readsAfterAFailedWrite() {
        return this != JAVA_WEBSOCKET && this != JDK;
    }

    /**
     * Whether the client, over TLS, may report 1006 instead of the Close 1009 a server sends while
     * the client is still writing a message over the limit. Tyrus's client does, now and then: the
     * modules' servers follow their Close with TLS's close_notify (the half-close of a lingering
     * close, RFC 8446 §6.1, RFC 6455 §7.1.1), and Tyrus, on Grizzly's SSL filter, at times ends the
     * connection there without handing the Close on, and sends no Close back. Over ws:// it always
     * reports the 1009; its API has no say in it (chapter 9).
     */
    boolean mayLoseTheLimitCloseOverTls(Transport transport) {
        return this == TYRUS && transport == Transport.WSS;
    }

    @Override
    public String toString() {
        return name;
    }
}
