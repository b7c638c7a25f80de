package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire client against a scripted peer: a plain server socket in the test that writes literal
 * bytes, so that what the client reads (and refuses) is known byte for byte.
 */
class WireClientTest {

    private static final String SWITCHING = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";

    private ServerSocket listener;
    private Socket peer;
    private WireClient client;

    @BeforeEach
    void connect() throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return listener.accept();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        client = WireClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
        peer = accepted.get(5, TimeUnit.SECONDS);
        peer.setSoTimeout(5000);
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        peer.close();
        listener.close();
    }

    @Test
    void upgradeSendsTheRequestAndAcceptsTheRightAnswer() throws IOException {
        peerSends(SWITCHING + "\u0081\u0002hi");
        client.upgrade(client.upgradeRequest());
        String request = new String(peer.getInputStream().readNBytes(client.upgradeRequest().toBytes().length),
                StandardCharsets.ISO_8859_1);
        assertThat(request).isEqualTo(HandshakeRequest.upgrade(client.host()).text()).startsWith("GET /echo HTTP/1.1\r\n");
        assertThat(client.readMessage()).isEqualTo(Message.text("hi"));
    }

    @Test
    void upgradeRefusesAWrongAcceptKey() throws IOException {
        peerSends(SWITCHING.replace("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        assertThatThrownBy(() -> client.upgrade(client.upgradeRequest()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Sec-WebSocket-Accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void upgradeRefusesAnotherStatus() throws IOException {
        peerSends("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        assertThatThrownBy(() -> client.upgrade(client.upgradeRequest()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("101").hasMessageContaining("400");
    }

    @Test
    void framesAreWrittenMaskedWithTheFixedKey() throws IOException {
        client.send(Frame.text("Hello"));
        assertThat(peer.getInputStream().readNBytes(11))
                .isEqualTo(Frame.text("Hello").toBytes())
                .startsWith(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d);
    }

    @Test
    void aMaskedFrameFromTheServerIsAFailure() throws IOException {
        peer.getOutputStream().write(Frame.text("Hello").toBytes());
        assertThatThrownBy(client::readFrame).isInstanceOf(AssertionError.class).hasMessageContaining("§5.1");
    }

    @Test
    void serverFramesWithReservedBitsOrOpcodesOrBadControlFramesAreFailures() throws IOException {
        peer.getOutputStream().write(Frame.text("x").withRsv(Frame.RSV1).unmasked().toBytes());
        assertThatThrownBy(client::readFrame).isInstanceOf(AssertionError.class).hasMessageContaining("RSV");
        peer.getOutputStream().write(Frame.of(0x3, new byte[0]).unmasked().toBytes());
        assertThatThrownBy(client::readFrame).isInstanceOf(AssertionError.class).hasMessageContaining("reserved opcode");
        peer.getOutputStream().write(Frame.ping(new byte[0]).notFinal().unmasked().toBytes());
        assertThatThrownBy(client::readFrame).isInstanceOf(AssertionError.class).hasMessageContaining("§5.5");
        peer.getOutputStream().write(Frame.pong(new byte[126]).unmasked().toBytes());
        assertThatThrownBy(client::readFrame).isInstanceOf(AssertionError.class).hasMessageContaining("125");
    }

    @Test
    void anExtensionIsAllowedInTheAnswerOnlyWhenOffered() throws IOException {
        peerSends(SWITCHING.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"));
        assertThatThrownBy(() -> client.upgrade(client.upgradeRequest()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("did not ask for");
    }

    @Test
    void afterAgreeingToPermessageDeflateRsv1IsAllowedOnTheFirstFrameOfAMessageOnly() throws IOException {
        peerSends(SWITCHING.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"));
        client.upgrade(client.upgradeRequest().withHeader("Sec-WebSocket-Extensions", "permessage-deflate"));
        peer.getOutputStream().write(Frame.concat(Frame.text(new byte[] {1}).notFinal().withRsv(Frame.RSV1).unmasked(),
                Frame.continuation(new byte[] {2}).unmasked()));
        assertThat(client.readMessageFrames(Duration.ofSeconds(5))).extracting(Frame::rsv).containsExactly(Frame.RSV1, 0);
        peer.getOutputStream().write(Frame.continuation(new byte[0]).withRsv(Frame.RSV1).unmasked().toBytes());
        assertThatThrownBy(client::readFrame).isInstanceOf(AssertionError.class).hasMessageContaining("RFC 7692 §6");
        peer.getOutputStream().write(Frame.ping(new byte[0]).withRsv(Frame.RSV1).unmasked().toBytes());
        assertThatThrownBy(client::readFrame).isInstanceOf(AssertionError.class).hasMessageContaining("RFC 7692 §6");
        peer.getOutputStream().write(Frame.text("x").withRsv(Frame.RSV2).unmasked().toBytes());
        assertThatThrownBy(client::readFrame).isInstanceOf(AssertionError.class).hasMessageContaining("RSV1 only");
    }

    @Test
    void fragmentsAreJoinedIntoOneMessage() throws IOException {
        peer.getOutputStream().write(Frame.concat(Frame.binary(new byte[] {1}).notFinal().unmasked(),
                Frame.continuation(new byte[] {2, 3}).unmasked()));
        assertThat(client.readMessage()).isEqualTo(Message.binary(new byte[] {1, 2, 3}));
    }

    @Test
    void aControlFrameWhereAMessageWasExpectedIsAFailure() throws IOException {
        peer.getOutputStream().write(Frame.pong(new byte[0]).unmasked().toBytes());
        assertThatThrownBy(client::readMessage).isInstanceOf(AssertionError.class).hasMessageContaining("PONG");
    }

    @Test
    void noFrameInTimeIsAFailureThatSaysSo() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.readFrame(Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pollFrameIsEmptyWhenNothingComes() throws IOException {
        assertThat(client.pollFrame(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void awaitCloseSkipsPingsAndReadsCodeAndReason() throws IOException {
        peer.getOutputStream().write(Frame.concat(Frame.ping(new byte[0]).unmasked(),
                Frame.close(1001, "bye").unmasked()));
        assertThat(client.awaitClose()).isEqualTo(new Close(1001, "bye"));
    }

    @Test
    void awaitCloseRefusesDataAndBadClosePayloads() throws IOException {
        peer.getOutputStream().write(Frame.text("late").unmasked().toBytes());
        assertThatThrownBy(client::awaitClose).isInstanceOf(AssertionError.class).hasMessageContaining("TEXT");
        peer.getOutputStream().write(Frame.of(Frame.CLOSE, new byte[] {3}).unmasked().toBytes());
        assertThatThrownBy(client::awaitClose).isInstanceOf(AssertionError.class).hasMessageContaining("1 byte");
    }

    @Test
    void awaitEofPassesWhenThePeerClosesAndFailsOnMoreBytesOrSilence() throws IOException {
        assertThatThrownBy(() -> client.awaitEof(Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("did not close");
        peer.getOutputStream().write(new byte[] {0x01});
        peer.close();
        assertThatThrownBy(client::awaitEof).isInstanceOf(AssertionError.class).hasMessageContaining("nothing may follow");
    }

    @Test
    void readToEofReturnsWhatCameBeforeTheClose() throws IOException {
        peer.getOutputStream().write("HTTP/1.1 408".getBytes(StandardCharsets.US_ASCII));
        peer.close();
        assertThat(new String(client.readToEof(Duration.ofSeconds(5)), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 408");
    }

    @Test
    void bytesCanBeSentInPiecesAndInTheBackground() throws Exception {
        byte[] frame = Frame.binary(new byte[300]).toBytes();
        client.sendInPieces(frame, 7);
        client.sendInBackground(frame).get(5, TimeUnit.SECONDS);
        InputStream in = peer.getInputStream();
        assertThat(in.readNBytes(frame.length * 2)).isEqualTo(Frame.concat(Frame.binary(new byte[300]), Frame.binary(new byte[300])));
    }

    @Test
    void readFrameOrEndReadsFramesThenEmptyAtTheEnd() throws IOException {
        peer.getOutputStream().write(Frame.concat(Frame.text("a").unmasked(), Frame.close(1000, "").unmasked()));
        peer.close();
        assertThat(client.readFrameOrEnd(Duration.ofSeconds(5))).contains(Frame.text("a").unmasked());
        assertThat(client.readFrameOrEnd(Duration.ofSeconds(5))).contains(Frame.close(1000, "").unmasked());
        assertThat(client.readFrameOrEnd(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void readFrameOrEndFailsOnSilenceOnACutFrameAndOnAMaskedFrame() throws IOException {
        assertThatThrownBy(() -> client.readFrameOrEnd(Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("within 200 ms");
        peer.getOutputStream().write(Frame.text("Hello").toBytes());
        assertThatThrownBy(() -> client.readFrameOrEnd(Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("§5.1");
        peer.getOutputStream().write(new byte[] {(byte) 0x81, 0x05, 'H', 'e'});
        peer.close();
        assertThatThrownBy(() -> client.readFrameOrEnd(Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("inside a frame");
    }

    @Test
    void readFrameOrEndIsEmptyWhenThisSideIsClosedFromAnotherThread() throws Exception {
        CompletableFuture<java.util.Optional<Frame>> read = CompletableFuture.supplyAsync(() -> {
            try {
                return client.readFrameOrEnd(Duration.ofSeconds(30));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        client.close(); // before or during the read: either way the end, not a failure
        assertThat(read.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void closesWithinTellsAnOpenConnectionFromAClosedOne() throws IOException {
        assertThat(client.closesWithin(Duration.ofMillis(200))).isFalse();
        peer.getOutputStream().write("HTTP/1.1 408".getBytes(StandardCharsets.US_ASCII));
        assertThat(client.closesWithin(Duration.ofMillis(200))).as("bytes alone do not close it").isFalse();
        peer.close();
        assertThat(client.closesWithin(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void socketBuffersCanBeSetBeforeConnecting() throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return listener.accept();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        try (WireClient small = WireClient.connect(address, 4096, 8192); Socket other = accepted.get(5, TimeUnit.SECONDS)) {
            small.sendRaw(new byte[] {42});
            other.setSoTimeout(5000);
            assertThat(other.getInputStream().read()).isEqualTo(42);
        }
        assertThatThrownBy(() -> WireClient.connect(address, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void peerSends(String text) throws IOException {
        peer.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
