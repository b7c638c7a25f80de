package dev.sanfi.sockets.exercises.ch9;

import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.jetty.JettyEchoServer;
import dev.sanfi.sockets.netty.NettyEchoClient;
import dev.sanfi.sockets.netty.NettyEchoServer;
import dev.sanfi.sockets.raw.RawEchoClient;
import dev.sanfi.sockets.raw.RawEchoServer;
import java.util.List;

/**
 * Chapter 9's interop matrix in small: a few clients (the rows), a few servers (the columns), and
 * the checks each cell runs — every check a list of messages that must come back as they were sent,
 * in order, followed by a Close 4321 answered with 4321. Exercise 1 adds a row, exercise 2 a check.
 */
public final class MiniMatrix {

    /** A row: a client, by how it connects. */
    public record Client(String name, EchoClientSession.Connector connector) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A column: an echo server, by how it starts. */
    public record Server(String name, EchoServer.Starter starter) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A message to send, and to get back exactly. */
    public sealed interface Sent {
    }

    public record Text(String text) implements Sent {
    }

    public record Binary(byte[] data) implements Sent {
    }

    /** A check of a cell: these messages, in this order. */
    public record Check(String name, List<Sent> messages) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MiniMatrix() {
    }

    public static List<Client> clients() {
        return List.of(
                new Client("01-echo-raw: RawEchoClient", RawEchoClient::connect),
                new Client("04-echo-netty: NettyEchoClient", NettyEchoClient::connect),
                // Exercise 1: the row of the JDK's own client.
                new Client("JDK: java.net.http.WebSocket", JdkClient::connect));
    }

    public static List<Server> servers() {
        return List.of(
                new Server("01-echo-raw", RawEchoServer::start),
                new Server("03-echo-jetty", JettyEchoServer::start),
                new Server("04-echo-netty", NettyEchoServer::start));
    }

    public static List<Check> checks() {
        return List.of(
                new Check("text of one- to four-byte UTF-8 characters",
                        List.of(new Text("hello"), new Text("κόσμε"), new Text("€"), new Text("😀"), new Text(""))),
                new Check("binary with every byte value", List.of(new Binary(everyByteValue()))),
                // Exercise 2: each length form of RFC 6455 §5.2 at its edges — 7 bits up to 125,
                // 16 bits from 126 to 65535, 64 bits from 65536.
                new Check("payloads of 125, 126, 65535 and 65536 bytes (§5.2's length forms)",
                        List.of(new Binary(filled(125)), new Binary(filled(126)), new Binary(filled(65_535)),
                                new Binary(filled(65_536)), new Text("x".repeat(126)))));
    }

    private static byte[] everyByteValue() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** {@code length} bytes that repeat only every 251 (a prime), so that a shifted or cut echo shows. */
    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }
}
