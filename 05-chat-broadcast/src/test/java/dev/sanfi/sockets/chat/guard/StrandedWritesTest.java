package dev.sanfi.sockets.chat.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.junit.jupiter.api.Test;

class StrandedWritesTest {

    /** A connection as the library keeps it, with or without frames waiting in its queue. */
    private static WebSocketImpl connection(boolean queued) {
        WebSocketImpl connection = new WebSocketImpl(new QuietListener(), new Draft_6455());
        if (queued) {
            connection.outQueue.add(ByteBuffer.wrap(new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xe9}));
        }
        return connection;
    }

    @Test
    void aConnectionWithQueuedFramesGetsItsWriteInterestBackAndOnlyThatOne() throws Exception {
        WebSocketImpl stranded = connection(true);
        WebSocketImpl idle = connection(false);
        List<WebSocket> demanded = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            new StrandedWrites(timers).start(() -> List.of(stranded, idle), connection -> {
                demanded.add(connection);
                twice.countDown();
            });

            assertThat(twice.await(5 * StrandedWrites.TICK.toMillis(), TimeUnit.MILLISECONDS))
                    .as("asked again on every tick while the frame waits").isTrue();
            assertThat(demanded).containsOnly(stranded);
        } finally {
            timers.shutdownNow();
            assertThat(timers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
