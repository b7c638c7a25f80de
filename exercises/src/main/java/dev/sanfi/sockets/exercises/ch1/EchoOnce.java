package dev.sanfi.sockets.exercises.ch1;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.raw.RawEchoClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Chapter 1, exercise 2: a program of your own that talks to the echo server — connect, send one
 * text, wait (not forever) for the echo, and end with the closing handshake.
 */
public final class EchoOnce {

    private EchoOnce() {
    }

    /**
     * The server's answer to {@code text}.
     *
     * @throws IOException when the server cannot be reached, refuses, closes first, or stays silent
     *                     for {@code patience}
     */
    public static String roundTrip(URI server, String text, Duration patience) throws IOException, InterruptedException {
        // Bounded: an echo server sends one answer per message. Empty means "the connection closed".
        BlockingQueue<Optional<String>> answers = new ArrayBlockingQueue<>(16);
        CountDownLatch closed = new CountDownLatch(1);
        ClientEvents events = new ClientEvents() {
            @Override
            public void onText(String answer) {
                answers.offer(Optional.of(answer));
            }

            @Override
            public void onBinary(byte[] data) {
            }

            @Override
            public void onClose(int code, String reason) {
                answers.offer(Optional.empty());
                closed.countDown();
            }

            @Override
            public void onError(Throwable error) {
            }
        };
        try (RawEchoClient client = RawEchoClient.connect(server, events)) {
            client.sendText(text);
            Optional<String> answer = answers.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null || answer.isEmpty()) {
                throw new IOException(answer == null ? "no echo within " + patience.toMillis() + " ms"
                        : "the server closed the connection before it answered");
            }
            // §7.1.2: start the closing handshake, and give the server's Close (and its FIN) time to come.
            client.sendClose(1000, "done");
            closed.await(patience.toMillis(), TimeUnit.MILLISECONDS);
            return answer.get();
        }
    }
}
