package dev.sanfi.sockets.raw.io;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * The selector loop's timers: for each item, the next time it wants to be woken, in a
 * {@link PriorityQueue} of {@link System#nanoTime()} values that the loop checks before every
 * {@code select(timeout)}. Loop thread only.
 *
 * <p>An item holds one live entry. Asking for a later time is ignored: the earlier entry fires, the
 * item finds nothing due yet and asks again, so a connection that hears from its peer on every read
 * costs nothing here. Asking for an earlier time (a Close just sent) adds an entry; the old one is
 * skipped when its turn comes.
 */
final class Deadlines<T> {

    private record Entry<T>(long at, T item) {
    }

    private final PriorityQueue<Entry<T>> queue = new PriorityQueue<>((a, b) -> Long.signum(a.at() - b.at()));
    /** The time of each item's live entry. */
    private final Map<T, Long> live = new HashMap<>();

    /** Wakes {@code item} at {@code at} or before. */
    void schedule(T item, long at) {
        Long current = live.get(item);
        if (current != null && at - current >= 0) {
            return;
        }
        live.put(item, at);
        queue.add(new Entry<>(at, item));
    }

    /** The item is gone: it is not woken any more. */
    void cancel(T item) {
        live.remove(item);
    }

    /** Hands every item whose time has come to {@code due}; an item that wants more schedules itself again. */
    void runDue(long now, BiConsumer<T, Long> due) {
        Entry<T> head;
        while ((head = queue.peek()) != null && head.at() - now <= 0) {
            queue.poll();
            Long current = live.get(head.item());
            if (current != null && current == head.at()) {
                live.remove(head.item());
                due.accept(head.item(), now);
            }
        }
    }

    /** The earliest time an item wants, if any. */
    OptionalLong next() {
        Entry<T> head;
        while ((head = queue.peek()) != null) {
            Long current = live.get(head.item());
            if (current != null && current == head.at()) {
                return OptionalLong.of(head.at());
            }
            queue.poll();      // an entry replaced by an earlier one, or of an item that is gone
        }
        return OptionalLong.empty();
    }

    int size() {
        return live.size();
    }
}
