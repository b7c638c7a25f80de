package dev.sanfi.sockets.raw.io;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.ClosePayload;
import dev.sanfi.sockets.raw.Handshake;
import dev.sanfi.sockets.raw.HandshakeException;
import dev.sanfi.sockets.raw.HttpHead;
import dev.sanfi.sockets.raw.protocol.CloseState;
import dev.sanfi.sockets.raw.protocol.Connection;
import dev.sanfi.sockets.raw.protocol.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalLong;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection of the {@link SelectorEchoServer}, driven by the {@link SelectorLoop}'s
 * one thread: the HTTP request first (the page, a refusal, or the upgrade), within the handshake
 * deadline; then, if upgraded, the echo on the pure core ({@link Connection}), which this class
 * feeds with the bytes it reads and drains into a non-blocking write. Never blocks.
 *
 * <p>Output is bounded: when more than {@link #OUTPUT_BACKLOG_LIMIT} bytes wait for a peer that
 * does not read, this connection is not read any more (so nothing more is echoed into the backlog)
 * until the peer catches up; if it never does, the idle timeout closes it.
 *
 * <p>The bytes come from a {@link SessionChannel}: the socket's own for {@code ws://}, the plaintext
 * of a {@link TlsChannel} for {@code wss://}. Over TLS the handshake deadline covers the TLS
 * handshake too (the request cannot come before it), and two things differ: records may wait below
 * the session to be written (so the selector is asked for a write), and plaintext may wait to be
 * read that the selector will not report (so the loop is asked to read again).
 */
final class ChannelSession {

    private static final Logger LOG = LoggerFactory.getLogger(SelectorEchoServer.class);

    /** Past this many bytes waiting to be written, the connection is not read until the peer has read some. */
    static final int OUTPUT_BACKLOG_LIMIT = 256 * 1024;

    /** After an HTTP answer, how long to wait for the client to hang up before closing anyway. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private enum Phase {
        /** Reading the request head, within the handshake deadline. */
        HTTP,
        /** Upgraded: frames, on the core. */
        WEBSOCKET,
        /** An HTTP answer is sent (with FIN); reading until the client hangs up, briefly. */
        LINGER
    }

    private final SessionChannel channel;
    private final SelectionKey key;
    private final SelectorLoop loop;
    private final ServerSettings settings;
    private final String peer;

    private Phase phase = Phase.HTTP;
    /** The handshake deadline in HTTP, the linger deadline in LINGER. */
    private long phaseDeadline;
    /** The request head so far; dropped once it is answered. */
    private byte[] head = new byte[1024];
    private int headLength;

    private Connection core;
    private ConnectionTimers timers;

    /** Bytes waiting for the channel to take them; created on the first write that does not complete. */
    private ArrayDeque<ByteBuffer> output;
    private long backlog;
    private boolean writeFailed;
    private boolean outputShut;
    private boolean ended;

    ChannelSession(SessionChannel channel, SelectionKey key, SelectorLoop loop, ServerSettings settings, String peer,
                   long now) {
        this.channel = channel;
        this.key = key;
        this.loop = loop;
        this.settings = settings;
        this.peer = peer;
        this.phaseDeadline = now + settings.handshakeTimeout().toNanos();
        loop.schedule(this, phaseDeadline);
    }

    /** The channel has bytes (or the end of the stream): read once into the loop's buffer and hand them on. */
    void onReadable(ByteBuffer buffer, long now) {
        buffer.clear();
        if (phase == Phase.HTTP) {
            buffer.limit(Math.min(buffer.capacity(), Limits.MAX_HANDSHAKE_BYTES - headLength));
        }
        int read;
        try {
            read = channel.read(buffer);
        } catch (SSLException e) {
            LOG.info("{} TLS failed: {}", peer, e.getMessage()); // plain HTTP, garbage, a client that refused us
            end();
            return;
        } catch (IOException reset) {
            LOG.debug("{} failed: {}", peer, reset.toString());
            end();
            return;
        }
        if (read == 0) {
            updateInterest();   // over TLS a read may have had handshake records to send
            return;
        }
        buffer.flip();
        switch (phase) {
            case HTTP -> {
                if (read < 0) {
                    LOG.info("{} no complete handshake: connection closed during the handshake", peer);
                    end();
                } else {
                    appendToHead(buffer);
                    answerWhenComplete(now);
                }
            }
            case WEBSOCKET -> {
                if (read < 0) {
                    core.receiveEof();
                } else {
                    timers.heard(now);
                    core.receive(buffer, this::onEvent);
                }
                afterCore(now);
            }
            case LINGER -> {
                if (read < 0) {
                    end();          // the client hung up after our answer
                }                   // else: whatever else the client sends is ignored
            }
        }
    }

    /** The channel can take more bytes. */
    void onWritable(long now) {
        flushOutput();
        if (phase == Phase.WEBSOCKET && core.state() == CloseState.CLOSED) {
            end();
            return;
        }
        updateInterest();
    }

    /** A deadline this session asked for may have come. */
    void onTimer(long now) {
        switch (phase) {
            case HTTP, LINGER -> {
                if (now - phaseDeadline >= 0) {
                    if (phase == Phase.HTTP) {
                        LOG.info("{} no complete handshake: handshake not complete in time", peer);
                    }
                    end();
                } else {
                    loop.schedule(this, phaseDeadline);
                }
            }
            case WEBSOCKET -> {
                if (!timers.onDue(core, now)) {
                    end();          // our Close was not answered by a hang-up in time
                    return;
                }
                afterCore(now);
            }
        }
    }

    /** The server stops: an open WebSocket gets Close 1001 (§7.4.1); a connection still in HTTP is closed. */
    void goAway(long now) {
        if (phase != Phase.WEBSOCKET) {
            end();
            return;
        }
        core.close(new ClosePayload(CloseCode.GOING_AWAY, "server shutting down"));
        afterCore(now);
    }

    private void appendToHead(ByteBuffer bytes) {
        int length = bytes.remaining();
        if (headLength + length > head.length) {
            head = Arrays.copyOf(head, Math.min(Limits.MAX_HANDSHAKE_BYTES, Math.max(head.length * 2, headLength + length)));
        }
        bytes.get(head, headLength, length);
        headLength += length;
    }

    /** The head is complete (or too large): answer it, the same way as the thread shell does (common's RequestRules). */
    private void answerWhenComplete(long now) {
        int end = HttpHead.endOf(head, headLength);
        if (end < 0 && headLength < Limits.MAX_HANDSHAKE_BYTES) {
            return;                 // not all here yet
        }
        HttpHead request = null;
        Handshake.Response response;
        try {
            if (end < 0) {
                throw new HandshakeException(431, "request head over " + Limits.MAX_HANDSHAKE_BYTES + " bytes");
            }
            request = HttpHead.parse(Arrays.copyOf(head, end));
            response = Handshake.respond(request, settings.originPolicy(), settings.deflate());
        } catch (HandshakeException e) {
            response = Handshake.refusal(e.status(), e.getMessage());
        }
        ByteBuffer leftover = end < 0 ? ByteBuffer.allocate(0) : ByteBuffer.wrap(head, end, headLength - end);
        head = null;
        enqueue(ByteBuffer.wrap(response.bytes()));
        if (!response.upgraded()) {
            LOG.info("{} {} -> {}", peer, request != null ? request.startLine() : "(request head)", response.status());
            phase = Phase.LINGER;
            phaseDeadline = now + LINGER.toNanos();
            flushOutput();
            updateInterest();
            loop.schedule(this, phaseDeadline);
            return;
        }
        phase = Phase.WEBSOCKET;
        core = Connection.forServer(settings.maxMessageBytes(), response.deflate());
        timers = new ConnectionTimers(new Keepalive(settings.pingInterval(), settings.idleTimeout()), now);
        LOG.info("{} opened{}", peer, response.deflate() == null ? "" : ", " + response.deflate().headerValue());
        if (loop.isStopping()) {
            core.close(new ClosePayload(CloseCode.GOING_AWAY, "server shutting down"));
        } else {
            core.receive(leftover, this::onEvent);      // frames that came right behind the request
        }
        afterCore(now);
    }

    /** The echo: every message goes back as it came, queued in the core in the order of the frames. */
    private void onEvent(Event event) {
        if (event instanceof Event.MessageReceived received) {
            core.send(received.message().opcode(), received.message().payload());
        }
    }

    /** After every call on the core: its bytes to the channel, its state to the timers and the selector. */
    private void afterCore(long now) {
        timers.observe(core, now);
        ByteBuffer bytes = core.bytesToSend();
        if (bytes.hasRemaining()) {
            enqueue(bytes);
        }
        flushOutput();
        if (core.state() == CloseState.CLOSED) {
            end();
            return;
        }
        updateInterest();
        OptionalLong next = timers.nextDeadline(core);
        if (next.isPresent()) {
            loop.schedule(this, next.getAsLong());
        }
    }

    private void enqueue(ByteBuffer bytes) {
        if (writeFailed) {
            return;
        }
        if (output == null) {
            output = new ArrayDeque<>(4);
        }
        output.add(bytes);
        backlog += bytes.remaining();
        loop.backlogIs(backlog);
    }

    /**
     * Writes what the channel takes without blocking. A failed write does not end the connection:
     * the peer's Close may be waiting in our socket (see {@code WebSocketConnection}); the bytes are
     * dropped, and reading goes on until the Close, the end of the stream or the reset.
     */
    private void flushOutput() {
        try {
            if (!channel.flush()) {
                return;             // TLS records of earlier writes still wait: OP_WRITE tells when to go on
            }
        } catch (IOException failed) {
            writeFailed = true;
            output = null;
            backlog = 0;
        }
        while (output != null && !output.isEmpty()) {
            ByteBuffer next = output.peek();
            int before = next.remaining();
            try {
                channel.write(next);
            } catch (IOException failed) {
                writeFailed = true;
                output = null;
                backlog = 0;
                break;
            }
            backlog -= before - next.remaining();
            if (next.hasRemaining()) {
                return;             // the socket's buffer is full: OP_WRITE tells when it has room
            }
            output.poll();
        }
        output = null;              // an idle connection holds no queue
        boolean finDue = phase == Phase.LINGER || phase == Phase.WEBSOCKET && core.shouldShutdownOutput();
        if (finDue && !outputShut) {
            outputShut = true;      // §7.1.1 (or after an HTTP answer): FIN, but go on reading until the peer's
            try {
                channel.shutdownOutput();
            } catch (IOException alreadyGone) {
                // the peer is gone; the read that follows ends the session
            }
        }
    }

    /** Read unless the backlog is over the limit; write while bytes wait. */
    private void updateInterest() {
        if (ended || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (backlog <= OUTPUT_BACKLOG_LIMIT) {
            ops |= SelectionKey.OP_READ;
        } else if ((key.interestOps() & SelectionKey.OP_READ) != 0) {
            loop.readPaused(backlog);
        }
        if (output != null && !output.isEmpty() || channel.hasPendingOutput()) {
            ops |= SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
        if ((ops & SelectionKey.OP_READ) != 0 && channel.hasBufferedInput()) {
            loop.readAgain(this);   // TLS holds plaintext (or whole records) the selector cannot see
        }
    }

    /** Closes the channel and forgets the session. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (phase == Phase.WEBSOCKET) {
            LOG.info("{} closed: received {}, sent {}", peer, describe(core.closeReceived()), describe(core.closeSent()));
            core.release();         // the compressor's native memory, now rather than at some GC
        }
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
        loop.ended(this);
    }

    private static String describe(ClosePayload close) {
        if (close == null) {
            return "no Close";
        }
        return CloseCode.describe(close.code()) + (close.reason().isEmpty() ? "" : " (" + close.reason() + ")");
    }
}
