package dev.sanfi.sockets.exercises.ch1b;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Chapter 1b, exercise 3: {@code heartbeat} (heartbeat.js) in Chromium, with made-up times: no
 * timer runs, so nothing here waits. Skipped without Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ch1bExercise3Test {

    /** Starts a heartbeat at time 0, runs the steps ("due 1000", "received 1500") and returns what each due() said. */
    private static final String STEPS = """
            const [intervalMs, missesAllowed, steps, done] = arguments;
            const beat = heartbeat(intervalMs, missesAllowed);
            beat.start(0);
            const said = [];
            for (const step of steps) {
              const [what, at] = step.split(" ");
              if (what === "due") {
                said.push(beat.due(Number(at)));
              } else {
                beat.received(Number(at));
              }
            }
            done(said);
            """;

    private PageInChromium page;
    private String heartbeat;

    @BeforeAll
    void startBrowser() throws Exception {
        heartbeat = PageInChromium.solution("heartbeat.js");
        if (PageInChromium.installed()) {
            page = PageInChromium.start();
        }
    }

    @BeforeEach
    void requireBrowser() {
        PageInChromium.assumeInstalled();
    }

    @AfterAll
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    @DisplayName("a silent server: a heartbeat after each quiet interval, missesAllowed of them, then give up")
    void silentServer() {
        assertThat(run(1000, 2, "due 999", "due 1000", "due 1999", "due 2000", "due 2999", "due 3000"))
                .containsExactly("wait", "send", "wait", "send", "wait", "give up");
    }

    @Test
    @DisplayName("one allowed miss is the echo page's rule: give up one interval after the heartbeat")
    void theEchoPagesRule() {
        assertThat(run(1000, 1, "due 1000", "due 2000")).containsExactly("send", "give up");
    }

    @Test
    @DisplayName("a message received answers every heartbeat before it, and starts the quiet over")
    void anAnswer() {
        assertThat(run(1000, 2, "due 1000", "due 2000", "received 2400", "due 3000", "due 3399", "due 3400",
                "due 4400", "due 5400"))
                .containsExactly("send", "send", "wait", "wait", "send", "send", "give up");
    }

    @Test
    @DisplayName("a busy connection sends no heartbeat at all")
    void busyConnection() {
        assertThat(run(1000, 1, "received 900", "due 950", "received 1800", "due 1850", "received 2700", "due 3600"))
                .containsOnly("wait");
    }

    @Test
    @DisplayName("a timer that fires late (a page in a background tab) sends a heartbeat, and gives it a whole interval")
    void lateTimer() {
        assertThat(run(1000, 1, "due 10000", "due 10999", "due 11000"))
                .containsExactly("send", "wait", "give up");
    }

    private List<String> run(int intervalMs, int missesAllowed, String... steps) {
        List<?> said = (List<?>) page.run(heartbeat + STEPS, intervalMs, missesAllowed, List.of(steps));
        return said.stream().map(String.class::cast).toList();
    }
}
