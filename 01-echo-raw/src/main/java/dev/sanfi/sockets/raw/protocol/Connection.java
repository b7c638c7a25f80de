package dev.sanfi.sockets.raw.protocol;

import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.ClosePayload;
import dev.sanfi.sockets.raw.Frame;
import dev.sanfi.sockets.raw.FrameParser;
import dev.sanfi.sockets.raw.FrameWriter;
import dev.sanfi.sockets.raw.MaskKeySource;
import dev.sanfi.sockets.raw.Message;
import dev.sanfi.sockets.raw.MessageAssembler;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.ProtocolException;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.deflate.MessageInflater;
import dev.sanfi.sockets.raw.deflate.PerMessageDeflate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One WebSocket connection after its opening handshake, as a state machine with no I/O ("Sans-I/O"):
 * bytes in ({@link #receive}, {@link #receiveEof}), events and bytes out ({@link Event},
 * {@link #bytesToSend}). Every rule of the connection lives here: the Pong for a Ping (§5.5.2),
 * the answer to a Close (§5.5.1), failing the connection with 1002, 1007 or 1009 (§7.1.7), nothing
 * sent after our Close, and who closes TCP first (§7.1.1).
 *
 * <p>There is no socket, thread or clock in it. An I/O shell moves the bytes and keeps the time:
 * it asks {@link #state()} and {@link #expectsPeerToCloseTcp()} which timer to run, and when one is
 * due it calls {@link #send} (a Ping) or {@link #close}. So the same class runs under a thread per
 * connection and under one selector loop, and its tests are bytes in, bytes out.
 *
 * <p>With permessage-deflate agreed in the handshake (RFC 7692), every message it sends is
 * compressed and carries RSV1, and a compressed message it receives is inflated, under the same
 * limit, counted in inflated bytes ({@code raw.deflate}). The shell then calls {@link #release()}
 * when the connection is over, to free the compressor's native memory at once.
 *
 * <p>Not thread-safe: one thread at a time (the shell's lock, or its event loop).
 */
public final class Connection {

    private final boolean server;
    private final FrameParser parser;
    private final MessageAssembler assembler;
    private final FrameWriter writer;
    /** The agreed compression; null without. */
    private final PerMessageDeflate deflate;

    private CloseState state = CloseState.OPEN;
    /** Our Close once queued; nothing may follow it (§5.5.1). */
    private ClosePayload closeSent;
    /** The peer's Close; nothing after it is read (§5.5.1). */
    private ClosePayload closeReceived;
    /** After the peer's Close, a failure or the end of the stream, bytes are consumed but not looked at. */
    private boolean ignoringInput;
    /** After {@link #release()}: the connection is over for the shell, and nothing more is sent. */
    private boolean released;
    /** Frames waiting to be handed out; null when there are none, so an idle connection holds no buffer. */
    private ByteBuffer outbox;

    private Connection(boolean server, FrameParser parser, int maxMessageBytes, FrameWriter writer, PerMessageDeflate deflate) {
        this.server = server;
        this.parser = parser;
        this.assembler = new MessageAssembler(maxMessageBytes, deflate == null ? null : deflate.inflater());
        this.writer = writer;
        this.deflate = deflate;
    }

    /** A server's side: it reads masked frames and writes unmasked ones (§5.1), and closes TCP first (§7.1.1). */
    public static Connection forServer(int maxMessageBytes) {
        return forServer(maxMessageBytes, null);
    }

    /** A server's side with the permessage-deflate its handshake agreed to; {@code deflate} null for none. */
    public static Connection forServer(int maxMessageBytes, DeflateParameters deflate) {
        return new Connection(true, FrameParser.forServer(maxFrameBytes(maxMessageBytes, deflate), deflate != null),
                maxMessageBytes, FrameWriter.forServer(), deflate == null ? null : PerMessageDeflate.forServer(deflate));
    }

    /** A client's side: its frames are masked with keys from {@code maskKeys} (§5.3). */
    public static Connection forClient(int maxMessageBytes, MaskKeySource maskKeys) {
        return forClient(maxMessageBytes, maskKeys, null);
    }

    /** A client's side with the permessage-deflate its handshake agreed to; {@code deflate} null for none. */
    public static Connection forClient(int maxMessageBytes, MaskKeySource maskKeys, DeflateParameters deflate) {
        return new Connection(false, FrameParser.forClient(maxFrameBytes(maxMessageBytes, deflate), deflate != null),
                maxMessageBytes, FrameWriter.forClient(maskKeys), deflate == null ? null : PerMessageDeflate.forClient(deflate));
    }

    /**
     * The longest frame worth reading: the message limit, or, with compression, the longest a
     * compressed message of the limit can be (random bytes grow a little).
     */
    private static int maxFrameBytes(int maxMessageBytes, DeflateParameters deflate) {
        return deflate == null ? maxMessageBytes : MessageInflater.maxCompressedBytes(maxMessageBytes);
    }

    // ---------------------------------------------------------------------------------------------
    // Bytes in
    // ---------------------------------------------------------------------------------------------

    /**
     * Takes every byte of {@code bytes} and hands each event to {@code events} as soon as its frame
     * is parsed, in order. An answer the application queues from inside {@code events} (an echo)
     * therefore goes out before the core's answer to a later frame of the same bytes (its Pong, or
     * the Close that fails the connection), as if the frames had arrived one by one.
     */
    public void receive(ByteBuffer bytes, Consumer<? super Event> events) {
        try {
            Frame frame;
            while (!ignoringInput && (frame = parser.parse(bytes)) != null) {
                handle(frame, events);
            }
        } catch (ProtocolException e) {
            fail(e.closeCode(), e.getMessage());
            events.accept(new Event.Failed(e.closeCode(), e.getMessage()));
        }
        bytes.position(bytes.limit());      // the parser took every byte, or they are ignored
    }

    /** {@link #receive(ByteBuffer, Consumer)}, collecting the events. */
    public List<Event> receive(ByteBuffer bytes) {
        List<Event> events = new ArrayList<>();
        receive(bytes, events::add);
        return events;
    }

    /** {@link #receive(ByteBuffer, Consumer)}, collecting the events. */
    public List<Event> receive(byte[] bytes) {
        return receive(ByteBuffer.wrap(bytes));
    }

    /**
     * The peer closed TCP (the end of the stream): the WebSocket connection is closed (§7.1.4). If no
     * Close came first, that is an abnormal closure, reported as 1006 (§7.1.5) by whoever asks
     * {@link #closeReceived()} and finds null.
     */
    public void receiveEof() {
        ignoringInput = true;
        state = CloseState.CLOSED;
    }

    private void handle(Frame frame, Consumer<? super Event> events) throws ProtocolException {
        switch (frame.opcode()) {
            case PING -> {
                queue(Opcode.PONG, frame.payload());              // §5.5.2: a Pong with the same payload
                events.accept(new Event.PingReceived(frame.payload()));
            }
            case PONG -> events.accept(new Event.PongReceived(frame.payload()));   // §5.5.3: nothing to answer
            case CLOSE -> {
                ClosePayload close = ClosePayload.parse(frame.payload());
                closeReceived = close;
                ignoringInput = true;                             // §5.5.1: nothing after the peer's Close
                startClosing(close);                              // our answer, unless ours went first
                events.accept(new Event.CloseReceived(close));
            }
            default -> {
                Message message = assembler.accept(frame);
                if (message != null) {
                    events.accept(new Event.MessageReceived(message));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // What the application (or the shell's timers) asks for
    // ---------------------------------------------------------------------------------------------

    /**
     * Queues one final frame: a TEXT or BINARY message, or a PING or PONG.
     *
     * @return false, and nothing queued, once the closing handshake has started: no frame may
     *         follow our Close (§5.5.1)
     */
    public boolean send(Opcode opcode, byte[] payload) {
        if (opcode == Opcode.CLOSE || opcode == Opcode.CONTINUATION) {
            throw new IllegalArgumentException(opcode + ": use close(), and send whole messages");
        }
        if (state != CloseState.OPEN || released) {
            return false;
        }
        if (deflate != null && deflate.compresses() && !opcode.isControl()) {
            queueCompressed(opcode, deflate.compress(payload));     // RFC 7692 §7.2.1, RSV1 set (§6.1)
        } else {
            queue(opcode, payload);
        }
        return true;
    }

    /**
     * Frees the compressor's and inflater's native memory now instead of at the next garbage
     * collection; for the shell, once the connection is over: {@link #send} refuses from then on.
     */
    public void release() {
        released = true;
        if (deflate != null) {
            deflate.release();
        }
    }

    /**
     * Starts the closing handshake (§7.1.2): queues our Close, after which nothing else is sent.
     * Does nothing once our Close is queued.
     */
    public void close(ClosePayload payload) {
        startClosing(payload);
    }

    /**
     * {@link #close(ClosePayload)} with a code that may be sent ({@code common}'s {@code CloseCodes}
     * rule, §7.4) and a reason, cut to fit the frame.
     */
    public void close(int code, String reason) {
        if (!CloseCode.mayBeSent(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (§7.4)");
        }
        close(new ClosePayload(code, reason));
    }

    /**
     * Fails the connection (§7.1.7): our Close with this code (unless one was sent), and every byte
     * received from now on is ignored. The core does it itself for the peer's protocol errors; a
     * shell may call it for its own reasons (1011, say).
     */
    public void failWith(CloseCode code, String reason) {
        fail(code, reason);
    }

    private void fail(CloseCode code, String reason) {
        ignoringInput = true;
        startClosing(new ClosePayload(code, reason));
    }

    private void startClosing(ClosePayload payload) {
        if (closeSent != null) {
            return;
        }
        queueFrame(Opcode.CLOSE, payload.toBytes());
        closeSent = payload;
        if (state == CloseState.OPEN) {
            state = CloseState.CLOSING;
        }
    }

    private void queue(Opcode opcode, byte[] payload) {
        if (closeSent == null) {
            queueFrame(opcode, payload);
        }
    }

    private void queueFrame(Opcode opcode, byte[] payload) {
        makeRoom(writer.frameLength(payload.length));
        writer.write(opcode, true, payload, outbox);
    }

    private void queueCompressed(Opcode opcode, byte[] compressed) {
        makeRoom(writer.frameLength(compressed.length));
        writer.writeCompressed(opcode, compressed, outbox);
    }

    private void makeRoom(int length) {
        if (outbox == null) {
            outbox = ByteBuffer.allocate(Math.max(length, 256));
        } else if (outbox.remaining() < length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(outbox.capacity() * 2, outbox.position() + length));
            outbox.flip();
            outbox = bigger.put(outbox);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bytes out, and what the shell should do with TCP
    // ---------------------------------------------------------------------------------------------

    /**
     * Hands out every frame queued so far, in order, and forgets them: the shell writes them (once;
     * a failed write is not retried).
     *
     * @return the bytes, ready to read; empty when there are none
     */
    public ByteBuffer bytesToSend() {
        if (outbox == null) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer bytes = outbox.flip();
        outbox = null;
        return bytes;
    }

    /** Whether {@link #bytesToSend()} has something. */
    public boolean hasBytesToSend() {
        return outbox != null && outbox.position() > 0;
    }

    /**
     * Whether the shell should shut down the sending half of TCP (send FIN) once it has written the
     * bytes handed out: true on a server whose Close is queued. §7.1.1: the server closes the TCP
     * connection first. Only the sending half: the peer may still be sending, and closing the socket
     * on unread bytes would answer with a reset, which can destroy our Close before it is read.
     */
    public boolean shouldShutdownOutput() {
        return server && closeSent != null;
    }

    /**
     * Whether the shell should keep reading until the peer closes TCP, with a timer of its own for a
     * peer that never does: true from our Close until the end of the stream. A server waits for the
     * client to answer its FIN, a client for the server's FIN (§7.1.1).
     */
    public boolean expectsPeerToCloseTcp() {
        return closeSent != null && state != CloseState.CLOSED;
    }

    public CloseState state() {
        return state;
    }

    /** Our Close, or null if none was queued. */
    public ClosePayload closeSent() {
        return closeSent;
    }

    /** The peer's Close, or null if none arrived (when the connection is closed: 1006, §7.1.5). */
    public ClosePayload closeReceived() {
        return closeReceived;
    }
}
