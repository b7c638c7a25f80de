package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.jakarta.JakartaEchoServer;
import dev.sanfi.sockets.jetty.JettyEchoServer;
import dev.sanfi.sockets.netty.NettyEchoServer;
import dev.sanfi.sockets.raw.RawEchoServer;
import dev.sanfi.sockets.raw.io.SelectorEchoServer;
import dev.sanfi.sockets.spring.SpringEchoServer;
import java.util.Arrays;
import java.util.List;

/**
 * The echo servers: the columns of the interop table. The five modules' servers, one that is not
 * ours ({@link ReferenceEchoServer}, on Java-WebSocket), which upgrades any path and so is given one
 * with a query, to check that every client sends the path and query of its URI, and chapter 1's
 * Node example ({@link NodeEchoServer}), which answers text with {@code "Echo: " + text}.
 */
enum ServerStack {
    RAW("01-echo-raw", RawEchoServer::start, EchoProtocol.ECHO_PATH),
    /** The same module's protocol core under its second I/O shell: one selector loop ({@code server --io selector}). */
    RAW_SELECTOR("01-echo-raw --io selector", SelectorEchoServer::start, EchoProtocol.ECHO_PATH),
    JAKARTA("02-echo-jsr356", JakartaEchoServer::start, EchoProtocol.ECHO_PATH),
    JETTY("03-echo-jetty", JettyEchoServer::start, EchoProtocol.ECHO_PATH),
    NETTY("04-echo-netty", NettyEchoServer::start, EchoProtocol.ECHO_PATH),
    SPRING("06-echo-spring", SpringEchoServer::start, EchoProtocol.ECHO_PATH),
    REFERENCE("Java-WebSocket reference", ReferenceEchoServer::start, "/any/path?x=1&y=a%20b"),
    /** node-echo upgrades any path, as the classic example does; its page connects to {@code /}. */
    NODE("node-echo (Node ws)", NodeEchoServer::start, "/");

    /** What node-echo puts before every text message it sends back. */
    static final String NODE_PREFIX = "Echo: ";

    private final String name;
    private final EchoServer.Starter starter;
    private final String target;

    ServerStack(String name, EchoServer.Starter starter, String target) {
        this.name = name;
        this.starter = starter;
        this.target = target;
    }

    /** The server's module, or the library of the reference server, as a test name and the table show it. */
    String displayName() {
        return name;
    }

    EchoServer.Starter starter() {
        return starter;
    }

    /** The path and query of the WebSocket URI the clients are given for this server. */
    String target() {
        return target;
    }

    /** What the server sends back for this text message: the text itself, but node-echo prefixes it. */
    String echoOf(String text) {
        return this == NODE ? NODE_PREFIX + text : text;
    }

    /** Whether the server has the echo page at {@code GET /} (common's echo-page.html): the modules' do. */
    boolean servesPage() {
        return this != REFERENCE && this != NODE;
    }

    /**
     * Whether the server, once it has failed a connection (Close 1009 while the client is still
     * sending), goes on reading until the client hangs up before it closes its socket: a lingering
     * close (RFC 6455 §7.1.1, §7.1.7). The modules' servers do; Java-WebSocket closes its socket right
     * after its Close, and the kernel answers the rest of the client's message with a TCP reset.
     */
    boolean lingersAfterFailing() {
        return this != REFERENCE;
    }

    /**
     * Whether this client, against this server, may hear 1006 instead of 1009 in the over-the-limit
     * cell: the server's reset reaches the client while it is still writing, and the client stops at
     * the failed write without reading the Close that had arrived. Over TLS it cost clients that
     * read on after a failed write the Close as well, now and then (Netty's, Tyrus's), so there
     * every client may. The reference server's deviation.
     */
    boolean mayLoseTheLimitClose(ClientStack client, Transport transport) {
        return !lingersAfterFailing() && (transport == Transport.WSS || !client.readsAfterAFailedWrite());
    }

    /**
     * Whether the server refuses this client's message of exactly the limit over this transport,
     * because its size limit counts each frame's bytes as they are on the wire, compressed, instead
     * of the inflated message: the reference server's, with Java-WebSocket's permessage-deflate.
     * 1 MiB of random bytes compresses to a little more than 1 MiB (deflate's stored blocks cost 5
     * bytes each): one frame of it is refused (1009), a series of small ones is not
     * ({@link ClientStack#fragmentsCompressedMessages}).
     */
    boolean refusesTheLimitCompressed(ClientStack client, Transport transport) {
        return this == REFERENCE && transport == Transport.DEFLATE && !client.fragmentsCompressedMessages();
    }

    /**
     * Whether the server runs over this transport. Where it does not, the table says so
     * ({@link #notOver}), and the row checks that the server refuses those settings at start,
     * instead of leaving the cells out: node-echo is chapter 1's plain example, on plain
     * {@code ws://} alone.
     */
    boolean supports(Transport transport) {
        return notOver(transport).isEmpty();
    }

    /** Why the server does not run over this transport, for the table; empty where it does. */
    String notOver(Transport transport) {
        if (this == NODE && transport != Transport.WS) {
            return "plain ws:// only";
        }
        return "";
    }

    /** The servers that have the echo page, in order: the columns of the browser table. */
    static List<ServerStack> pages() {
        return Arrays.stream(values()).filter(ServerStack::servesPage).toList();
    }

    /** The servers that have the echo page and run over this transport, in order. */
    static List<ServerStack> pages(Transport transport) {
        return pages().stream().filter(server -> server.supports(transport)).toList();
    }

    /** What a test name shows: "... -> 03-echo-jetty server". */
    @Override
    public String toString() {
        return name;
    }
}
