package dev.sanfi.sockets.testkit;

import dev.sanfi.sockets.common.EchoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A {@link WireClient} connection on which the server agreed to permessage-deflate, with the
 * {@link DeflatePeer} its agreed parameters call for: what the contract sends is compressed, what
 * the server sends is inflated when its first frame carries RSV1 (RFC 7692 §6).
 */
public final class DeflateConnection implements AutoCloseable {

    private final WireClient wire;
    private final NegotiatedDeflate agreed;
    private final DeflatePeer peer;
    /** The largest message the peer may compress: the window the server allowed it, or no limit. */
    private final int maxCompressedMessage;

    private DeflateConnection(WireClient wire, NegotiatedDeflate agreed, boolean offeredClientNoContextTakeover) {
        this.wire = wire;
        this.agreed = agreed;
        // java.util.zip always compresses with a 32 KiB window. A server that limits the client's
        // window to 2^n bytes still reads it when every message is at most 2^n bytes and compressed
        // on its own: no distance can then reach further back.
        boolean windowLimited = agreed.clientMaxWindowBits() != 0 && agreed.clientMaxWindowBits() < 15;
        this.maxCompressedMessage = windowLimited ? 1 << agreed.clientMaxWindowBits() : Integer.MAX_VALUE;
        // §7.1.1.2: a client that offered client_no_context_takeover does without it, answered or not.
        boolean keepWindow = !agreed.clientNoContextTakeover() && !offeredClientNoContextTakeover && !windowLimited;
        this.peer = new DeflatePeer(keepWindow, !agreed.serverNoContextTakeover());
    }

    /**
     * Connects and upgrades with {@code Sec-WebSocket-Extensions: offer}, and requires the server to
     * agree to permessage-deflate.
     */
    public static DeflateConnection open(EchoServer server, String offer) throws IOException {
        return open(server, List.of(offer));
    }

    /** {@link #open(EchoServer, String)} with the offers on several header lines, one each (RFC 6455 §9.1). */
    public static DeflateConnection open(EchoServer server, List<String> offerLines) throws IOException {
        WireClient wire = WireClient.connect(server);
        try {
            HandshakeRequest request = wire.upgradeRequest();
            for (String line : offerLines) {
                request = request.withAddedHeader(NegotiatedDeflate.HEADER, line);
            }
            HttpResponse response = wire.upgrade(request);
            NegotiatedDeflate agreed = NegotiatedDeflate.of(response);
            String offer = String.join(", ", offerLines);
            if (agreed == null) {
                throw new AssertionError("RFC 7692 §5: a server started with deflate accepts the offer '" + offer
                        + "'; it answered without " + NegotiatedDeflate.HEADER + ":\n" + response);
            }
            return new DeflateConnection(wire, agreed, offer.contains("client_no_context_takeover"));
        } catch (IOException | RuntimeException | Error e) {
            wire.close();
            throw e;
        }
    }

    public WireClient wire() {
        return wire;
    }

    public NegotiatedDeflate agreed() {
        return agreed;
    }

    /** The payload of a compressed message, as the next message sent would carry it (§7.2.1). */
    public byte[] compress(byte[] message) {
        if (message.length > maxCompressedMessage) {
            throw new IllegalArgumentException("the server allowed a window of " + maxCompressedMessage
                    + " bytes; java.util.zip cannot compress a larger message within it");
        }
        return peer.compress(message);
    }

    /** The message as one compressed frame: RSV1 set (§6), the compressed payload. */
    public Frame compressedFrame(Message message) {
        return Frame.of(message.opcode(), compress(message.data())).withRsv(Frame.RSV1);
    }

    /** Sends the message compressed, in one frame. */
    public void send(Message message) throws IOException {
        wire.send(compressedFrame(message));
    }

    /** One message from the server, inflated if it came compressed. */
    public record Received(Message message, boolean compressed, int payloadBytes) {
    }

    /** Reads the next message, joining its frames, and inflates it if its first frame has RSV1. */
    public Received receive() throws IOException {
        return receive(WireClient.DEFAULT_TIMEOUT);
    }

    public Received receive(Duration timeout) throws IOException {
        List<Frame> frames = wire.readMessageFrames(timeout);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        frames.forEach(frame -> payload.writeBytes(frame.payload()));
        boolean compressed = frames.get(0).rsv() == Frame.RSV1;
        byte[] data = compressed ? peer.inflate(payload.toByteArray()) : payload.toByteArray();
        return new Received(new Message(frames.get(0).opcode(), data), compressed, payload.size());
    }

    /** The next message's content, compressed or not. */
    public Message readMessage() throws IOException {
        return receive().message();
    }

    @Override
    public void close() {
        wire.close();
        peer.close();
    }
}
