package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ClientEvents;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a module's client heard from the server, one line per event, for a test to read in order:
 * {@code text TEXT}, {@code binary LENGTH}, {@code close CODE REASON}, {@code error ERROR}.
 */
public final class HeardEvents implements ClientEvents {

    /** How long {@link #next()} waits for an event. */
    public static final Duration TIMEOUT = WireClient.DEFAULT_TIMEOUT;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /** The next event, waiting up to {@link #TIMEOUT} for it; none by then fails the test. */
    public String next() throws InterruptedException {
        String line = lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("an event within " + TIMEOUT.toSeconds() + " s").isNotNull();
        return line;
    }

    /** Whether no event is waiting to be read. */
    public boolean nothingYet() {
        return lines.isEmpty();
    }

    @Override
    public void onText(String text) {
        lines.add("text " + text);
    }

    @Override
    public void onBinary(byte[] data) {
        lines.add("binary " + data.length);
    }

    @Override
    public void onClose(int code, String reason) {
        lines.add("close " + code + " " + reason);
    }

    @Override
    public void onError(Throwable error) {
        lines.add("error " + error);
    }
}
