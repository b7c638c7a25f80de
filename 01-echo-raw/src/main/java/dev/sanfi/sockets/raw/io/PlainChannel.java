package dev.sanfi.sockets.raw.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** {@code ws://}: the socket channel as it is; nothing waits between it and the session. */
final class PlainChannel implements SessionChannel {

    private final SocketChannel channel;

    PlainChannel(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    @Override
    public int write(ByteBuffer from) throws IOException {
        return channel.write(from);
    }

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public boolean hasBufferedInput() {
        return false;
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }
}
