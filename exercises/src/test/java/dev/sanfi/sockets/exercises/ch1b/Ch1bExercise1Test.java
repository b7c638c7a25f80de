package dev.sanfi.sockets.exercises.ch1b;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Chapter 1b, exercise 1: each prediction against what Chromium does, on a page of 01-echo-raw's
 * server. Skipped without Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ch1bExercise1Test {

    /**
     * Runs one prediction's lines in an async function, and reports what they did: the name of the
     * exception they threw, or the close event of the socket they left in {@code ws}.
     */
    private static final String HARNESS = """
            const [url, lines, done] = arguments;
            const opened = () => new Promise((resolve, reject) => {
              const socket = new WebSocket(url);
              socket.onopen = () => resolve(socket);
              socket.onclose = (event) => reject(new Error("closed before open: " + event.code));
            });
            const AsyncFunction = (async () => {}).constructor;
            new AsyncFunction("url", "opened", "let ws;\\n" + lines + "\\nreturn ws;")(url, opened).then(
              (ws) => { ws.onclose = (e) => done("close " + e.code + ", " + (e.wasClean ? "clean" : "not clean")); },
              (error) => done("throws " + error.name));
            """;

    private PageInChromium page;

    @BeforeAll
    void startBrowser() throws Exception {
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

    @ParameterizedTest
    @EnumSource(WhatTheBrowserDoes.class)
    @DisplayName("Chromium does what was predicted")
    void thePredictionHolds(WhatTheBrowserDoes lines) {
        assertThat(page.run(HARNESS, page.echoUrl(), lines.script()))
                .as(lines.script())
                .isEqualTo(lines.predicted());
    }
}
