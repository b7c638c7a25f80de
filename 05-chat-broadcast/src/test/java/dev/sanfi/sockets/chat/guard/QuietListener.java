package dev.sanfi.sockets.chat.guard;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.handshake.Handshakedata;

/** A library connection's listener for tests of the guard: nothing there gets as far as a callback that matters. */
final class QuietListener extends WebSocketAdapter {
    @Override
    public void onWebsocketMessage(WebSocket conn, String message) {
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
    }

    @Override
    public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
    }

    @Override
    public void onWebsocketClose(WebSocket ws, int code, String reason, boolean remote) {
    }

    @Override
    public void onWebsocketClosing(WebSocket ws, int code, String reason, boolean remote) {
    }

    @Override
    public void onWebsocketCloseInitiated(WebSocket ws, int code, String reason) {
    }

    @Override
    public void onWebsocketError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onWriteDemand(WebSocket conn) {
    }

    @Override
    public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
        return null;
    }

    @Override
    public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
        return null;
    }
}
