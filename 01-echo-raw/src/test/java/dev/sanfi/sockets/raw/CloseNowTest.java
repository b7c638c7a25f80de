package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing a TLS socket from another thread while its own thread is blocked writing to a peer that does not read. */
@Timeout(30)
class CloseNowTest {

    private static final SelfSignedCertificate LOCAL = SelfSignedCertificate.forLocalhost();

    @Test
    @DisplayName("closeNow frees an SSLSocket whose writer waits for a peer that never reads (a plain close() would wait with it)")
    void closeNowDoesNotWaitForABlockedWriter() throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) LOCAL.serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SSLSocket deaf = (SSLSocket) LOCAL.trustingContext().getSocketFactory().createSocket()) {
            deaf.setReceiveBufferSize(4096);
            deaf.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
            CompletableFuture<Void> clientHandshake = CompletableFuture.runAsync(() -> {
                try {
                    deaf.startHandshake();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            SSLSocket accepted = (SSLSocket) listener.accept();
            accepted.startHandshake();
            clientHandshake.get(10, TimeUnit.SECONDS);
            // Megabytes in one write to a peer that reads nothing, through small buffers: the writer
            // blocks inside the write, holding the TLS write lock.
            accepted.setSendBufferSize(4096);
            java.util.concurrent.atomic.AtomicReference<Thread> writing = new java.util.concurrent.atomic.AtomicReference<>();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                writing.set(Thread.currentThread());
                try {
                    accepted.getOutputStream().write(new byte[8 * 1024 * 1024]);
                } catch (IOException expected) {
                    // the socket was closed under it
                }
            });
            // Blocked: in the socket's native write, under the TLS record's (the JDK names it *OutputRecord).
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> writing.get() != null
                    && isBlockedInARecordWrite(writing.get().getStackTrace()));
            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> WebSocketConnection.closeNow(accepted));

            closed.get(10, TimeUnit.SECONDS);
            writer.get(10, TimeUnit.SECONDS);
            assertThat(accepted.isClosed()).isTrue();
        }
    }

    private static boolean isBlockedInARecordWrite(StackTraceElement[] stack) {
        return stack.length > 0 && stack[0].isNativeMethod()
                && java.util.Arrays.stream(stack).anyMatch(frame -> frame.getClassName().endsWith("OutputRecord"));
    }
}
