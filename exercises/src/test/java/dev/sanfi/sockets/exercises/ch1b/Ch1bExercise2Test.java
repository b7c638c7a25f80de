package dev.sanfi.sockets.exercises.ch1b;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Chapter 1b, exercise 2: {@code sendAll} (send-all.js) in Chromium, against 01-echo-raw's server.
 * Skipped without Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ch1bExercise2Test {

    private static final int CHUNKS = 32;
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int HIGH_WATER = 1024 * 1024;
    /** Far longer than a closing sendAll needs, and shorter than the script's timeout: a clear failure. */
    private static final int STILL_WAITING_MS = 10_000;

    /**
     * Opens a socket whose send() notes the readyState and bufferedAmount it was called with, and
     * builds the chunks: chunk i is CHUNK_BYTES bytes of the value i.
     */
    private static final String SETUP = """
            const [url, count, size, highWater, STILL_WAITING_MS, done] = arguments;
            const chunks = Array.from({length: count}, (_, i) => new Uint8Array(size).fill(i));
            const calls = [];
            const opened = () => new Promise((resolve, reject) => {
              const socket = new WebSocket(url);
              socket.binaryType = "arraybuffer";
              const send = socket.send.bind(socket);
              socket.send = (data) => {
                calls.push({readyState: socket.readyState, queued: socket.bufferedAmount});
                send(data);
              };
              socket.onopen = () => resolve(socket);
              socket.onerror = () => reject(new Error("no connection"));
            });
            """;

    private PageInChromium page;
    private String sendAll;

    @BeforeAll
    void startBrowser() throws Exception {
        sendAll = PageInChromium.solution("send-all.js");
        if (PageInChromium.installed()) {
            page = PageInChromium.start();
        }
    }

    @BeforeEach
    void freshPage() {
        PageInChromium.assumeInstalled();
        page.reload();
    }

    @AfterAll
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    @DisplayName("every chunk goes out in order, never with more than highWater bytes queued, and comes back")
    void inOrderWithinHighWater() {
        Map<?, ?> result = run("""
                opened().then((socket) => {
                  const echoes = [];
                  socket.onmessage = (event) => {
                    const bytes = new Uint8Array(event.data);
                    echoes.push([bytes.length, bytes[0], bytes[bytes.length - 1]]);
                    if (echoes.length === count) {
                      done({echoes, calls, state: socket.readyState});
                    }
                  };
                  sendAll(socket, chunks, highWater).catch((error) => done({error: error.message}));
                });
                """);
        assertThat(result.get("error")).as("sendAll's error").isNull();
        List<?> calls = (List<?>) result.get("calls");
        assertThat(calls).hasSize(CHUNKS);
        assertThat(calls).allSatisfy(call -> {
            assertThat(((Map<?, ?>) call).get("readyState")).as("readyState at a send()").isEqualTo(1L);
            assertThat((Long) ((Map<?, ?>) call).get("queued")).as("bufferedAmount at a send()").isLessThanOrEqualTo(HIGH_WATER);
        });
        List<?> echoes = (List<?>) result.get("echoes");
        for (int i = 0; i < CHUNKS; i++) {
            assertThat(echoes.get(i)).as("echo %d: its length, first and last byte", i)
                    .isEqualTo(List.of((long) CHUNK_BYTES, (long) i, (long) i));
        }
    }

    @Test
    @DisplayName("without the waiting, the browser queues far more than highWater: the limit is the page's own to keep")
    void theBrowserDoesNotStopAPage() {
        Map<?, ?> result = run("""
                opened().then((socket) => {
                  for (const chunk of chunks) {
                    socket.send(chunk);
                  }
                  done({queued: socket.bufferedAmount});
                });
                """);
        assertThat((Long) result.get("queued")).isGreaterThan((long) HIGH_WATER);
    }

    @Test
    @DisplayName("the connection closes in the middle: sendAll stops with an error, and sends nothing into the closed socket")
    void stopsWhenTheConnectionCloses() {
        Map<?, ?> result = run("""
                opened().then((socket) => {
                  const sending = sendAll(socket, chunks, highWater);
                  socket.close(1000, "enough");
                  sending.then(() => done({resolved: true}), (error) => done({error: error.message, calls}));
                  setTimeout(() => done({stillWaiting: true}), STILL_WAITING_MS);
                });
                """);
        assertThat(result.get("stillWaiting")).as("sendAll still waiting after %d ms", STILL_WAITING_MS).isNull();
        assertThat(result.get("resolved")).as("sendAll resolved, though most chunks were never sent").isNull();
        assertThat((String) result.get("error")).startsWith("the connection is no longer open: ")
                .endsWith(" of " + CHUNKS + " chunks sent");
        assertThat((List<?>) result.get("calls")).isNotEmpty()
                .allSatisfy(call -> assertThat(((Map<?, ?>) call).get("readyState")).as("readyState at a send()").isEqualTo(1L));
    }

    @Test
    @DisplayName("why waiting for bufferedAmount alone is not enough: after close(), a send() throws nothing and only adds to it")
    void bufferedAmountAfterClose() {
        Map<?, ?> result = run("""
                opened().then((socket) => {
                  socket.close(1000);
                  socket.send(chunks[0]);
                  socket.onclose = () => done({queued: socket.bufferedAmount, state: socket.readyState});
                });
                """);
        assertThat(result.get("state")).as("readyState").isEqualTo(3L);
        assertThat((Long) result.get("queued")).as("bufferedAmount once closed").isEqualTo(CHUNK_BYTES);
    }

    private Map<?, ?> run(String test) {
        return (Map<?, ?>) page.run(SETUP + sendAll + test, page.echoUrl(), CHUNKS, CHUNK_BYTES, HIGH_WATER, STILL_WAITING_MS);
    }
}
