package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.ClientEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one client heard, kept in order so that a test can wait for the next message or for the
 * close with a timeout (never a sleep). Any client's callback thread may call it.
 */
final class RecordedEvents implements ClientEvents {

    /** How long a test waits for an echo or a close before it fails; generous for a loaded CI machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The close as the client reported it. */
    record Close(int code, String reason) {
    }

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> close = new CompletableFuture<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onText(String text) {
        messages.add(text);
    }

    @Override
    public void onBinary(byte[] data) {
        messages.add(data);
    }

    @Override
    public void onClose(int code, String reason) {
        close.complete(new Close(code, reason));
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
    }

    /** The next message, which must be text. */
    String nextText() throws InterruptedException, TimeoutException {
        Object message = next();
        if (message instanceof String text) {
            return text;
        }
        throw new AssertionError("expected a text message, got binary of " + ((byte[]) message).length + " bytes");
    }

    /** The next message, which must be binary. */
    byte[] nextBinary() throws InterruptedException, TimeoutException {
        Object message = next();
        if (message instanceof byte[] data) {
            return data;
        }
        throw new AssertionError("expected a binary message, got text of " + ((String) message).length() + " chars");
    }

    /** The close, once the client reports it. */
    Close awaitClose() throws Exception {
        try {
            return close.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no close within " + TIMEOUT.toSeconds() + " s; errors: " + errors, e);
        }
    }

    List<Throwable> errors() {
        return errors;
    }

    private Object next() throws InterruptedException, TimeoutException {
        Object message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new TimeoutException("no message within " + TIMEOUT.toSeconds() + " s; close: "
                    + close.getNow(null) + ", errors: " + errors);
        }
        return message;
    }
}
