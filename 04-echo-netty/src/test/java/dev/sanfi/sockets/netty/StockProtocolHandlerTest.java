package dev.sanfi.sockets.netty;

import static dev.sanfi.sockets.netty.WireBytes.CLOSE;
import static dev.sanfi.sockets.netty.WireBytes.FIN;
import static dev.sanfi.sockets.netty.WireBytes.RSV1;
import static dev.sanfi.sockets.netty.WireBytes.TEXT;
import static dev.sanfi.sockets.netty.WireBytes.bytes;
import static dev.sanfi.sockets.netty.WireBytes.closeBody;
import static dev.sanfi.sockets.netty.WireBytes.masked;
import static dev.sanfi.sockets.netty.WireBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Netty's stock protocol handler does on its own, measured: the reasons this module adds its
 * own handlers (chapter 7). If a Netty upgrade changes one of these, the chapter must change too.
 */
class StockProtocolHandlerTest {

    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    /** The textbook pipeline: codec, aggregator, protocol handler, an echo of every data frame. */
    private void upgradeStock(WebSocketServerProtocolConfig config) {
        channel = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192),
                new WebSocketServerProtocolHandler(config), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.writeAndFlush(((WebSocketFrame) msg).retain());
                        ((WebSocketFrame) msg).release();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.channel().close(); // what most examples do
                    }
                });
        channel.writeInbound(WireBytes.upgradeRequest());
        assertThat(WireBytes.outboundText(channel)).startsWith("HTTP/1.1 101");
    }

    private static WebSocketServerProtocolConfig.Builder stock() {
        return WebSocketServerProtocolConfig.newBuilder().websocketPath("/echo");
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999})
    @DisplayName("stock: an invalid close code is answered with \"1000 Bye\", not 1002")
    void invalidCloseCodeGetsBye(int code) {
        upgradeStock(stock().build());

        channel.writeInbound(masked(FIN | CLOSE, closeBody(code)));

        // The decoder sees the bad code, but a Close was received, so it only closes the socket;
        // the channel.close() then passes the protocol handler, which adds its own Close: 1000 "Bye".
        assertThat(outbound(channel)).containsExactly(bytes(0x88, 0x05, 0x03, 0xe8, 'B', 'y', 'e'));
    }

    @Test
    @DisplayName("stock: a 1-byte Close body is caught by the decoder's header check: 1002")
    void oneByteCloseIs1002() {
        upgradeStock(stock().build());

        channel.writeInbound(masked(FIN | CLOSE, bytes(0x03)));

        byte[] out = outbound(channel);
        assertThat(out[0] & 0xff).isEqualTo(0x88);
        assertThat(((out[2] & 0xff) << 8) | (out[3] & 0xff)).isEqualTo(1002);
    }

    @Test
    @DisplayName("stock: code 5000 counts as valid and is echoed")
    void closeCode5000IsEchoed() {
        upgradeStock(stock().build());

        channel.writeInbound(masked(FIN | CLOSE, closeBody(5000)));

        assertThat(outbound(channel)).containsExactly(bytes(0x88, 0x02, 0x13, 0x88));
    }

    @Test
    @DisplayName("stock, extensions allowed: an RSV bit no extension defined is accepted and echoed")
    void rsvBitsUncheckedWithExtensionsAllowed() {
        upgradeStock(stock().allowExtensions(true).build());

        channel.writeInbound(masked(FIN | RSV1 | TEXT, "Hello"));

        assertThat(outbound(channel)).containsExactly(bytes(0xc1, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
    }

    @Test
    @DisplayName("stock: when the server closed first, the peer's answer is answered: a second Close")
    void answersTheAnswer() {
        upgradeStock(stock().build());
        channel.writeAndFlush(new CloseWebSocketFrame(1001, "going away"));
        assertThat(outbound(channel)).startsWith(0x88, 0x0c, 0x03, 0xe9);

        channel.writeInbound(masked(FIN | CLOSE, closeBody(1001)));

        // RFC 6455 §5.5.1: a Close is sent once; the peer's Close only completes the handshake.
        assertThat(outbound(channel)).containsExactly(bytes(0x88, 0x02, 0x03, 0xe9));
    }

    @Test
    @DisplayName("stock: an upgrade without Sec-WebSocket-Version is upgraded with the 2010 draft-00 handshake")
    void missingVersionFallsBackToDraft00() {
        channel = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192),
                new WebSocketServerProtocolHandler(stock().build()));

        channel.writeInbound(WireBytes.ascii("GET /echo HTTP/1.1\r\nHost: localhost\r\n"
                + "Origin: http://localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));

        assertThat(WireBytes.outboundText(channel)).startsWith("HTTP/1.1 101 Web Socket Protocol Handshake");
    }
}
