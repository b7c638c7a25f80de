package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ServerLogTest {

    @Test
    void aStackTracePrintedByAThreadStartedInsideTheRecordingIsFound() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            Thread server = new Thread(() -> new IllegalStateException("boom").printStackTrace(), "pretend-server");
            server.start();
            server.join(10_000);

            assertThat(log.stackTraceLines()).as(String.join("\n", log.lines()))
                    .anySatisfy(line -> assertThat(line).startsWith("\tat "));
            assertThat(log.lines()).contains("java.lang.IllegalStateException: boom");
        }
    }

    @Test
    void aLineOfOneLineIsNoStackTrace() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            Thread server = new Thread(() -> System.err.println("12:00:00.000 [main] INFO Server - 127.0.0.1:5 TLS failed: "
                    + "Unsupported or unrecognized SSL message"), "pretend-server");
            server.start();
            server.join(10_000);

            assertThat(log.lines()).hasSize(1);
            assertThat(log.stackTraceLines()).isEmpty();
        }
    }

    @Test
    void whatOtherThreadsPrintIsNotRecorded() throws Exception {
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch printed = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                recording.await(10, TimeUnit.SECONDS);
                new IllegalStateException("another test's").printStackTrace();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            printed.countDown();
        }, "another-test");
        other.start(); // before the recording: not marked
        try (ServerLog log = ServerLog.record()) {
            recording.countDown();
            assertThat(printed.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(log.lines()).isEmpty();
        }
        other.join(10_000);
    }

    @Test
    void nothingIsRecordedAfterClose() throws Exception {
        ServerLog log = ServerLog.record();
        log.close();
        System.err.println("after the recording");

        assertThat(log.lines()).isEmpty();
    }
}
