package dev.sanfi.sockets.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The last events of the room, every {@code joined}, {@code left} and {@code message} in
 * {@code seq} order, from which a member that comes back gets what it missed. It keeps at most
 * {@code capacity} events, dropping the oldest; a member that missed more gets told so (a gap).
 */
final class EventLog {

    /** What a member that last saw {@code since} gets: the events after it, and whether some are missing. */
    record Replay(List<ChatEvent.Sequenced> events, boolean gap) {
        Replay {
            events = List.copyOf(events);
        }
    }

    private final int capacity;
    private final Deque<ChatEvent.Sequenced> events = new ArrayDeque<>();

    EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends the next event; its seq must follow the last one's (one sequence, no holes). */
    void append(ChatEvent.Sequenced event) {
        if (!events.isEmpty() && event.seq() != events.peekLast().seq() + 1) {
            throw new IllegalArgumentException("seq " + event.seq() + " after " + events.peekLast().seq());
        }
        events.addLast(event);
        if (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /**
     * Every kept event with a seq above {@code since}, oldest first, whose JSON together takes at most
     * {@code maxBytes} (the newest are kept when they do not all fit). {@code gap} is true when
     * events after {@code since} are not in the answer: dropped from the log, or over the byte
     * limit, or {@code since} is beyond {@code lastSeq} (the member saw a room that is gone, such as
     * a server before its restart; it then gets everything kept).
     *
     * @param lastSeq the room's last seq, which may be ahead of the log when it is empty
     */
    Replay since(long since, long lastSeq, int maxBytes) {
        boolean unknown = since > lastSeq;
        long after = unknown ? 0 : since;
        List<ChatEvent.Sequenced> newestFirst = new ArrayList<>();
        long bytes = 0;
        Iterator<ChatEvent.Sequenced> backwards = events.descendingIterator();
        boolean cut = false;
        while (backwards.hasNext()) {
            ChatEvent.Sequenced event = backwards.next();
            if (event.seq() <= after) {
                break;
            }
            bytes += ChatCodec.encode(event).getBytes(StandardCharsets.UTF_8).length + 1; // + the comma
            if (bytes > maxBytes) {
                cut = true;
                break;
            }
            newestFirst.add(event);
        }
        Collections.reverse(newestFirst);
        long firstGiven = newestFirst.isEmpty() ? lastSeq + 1 : newestFirst.get(0).seq();
        boolean gap = unknown || cut || firstGiven > after + 1;
        return new Replay(newestFirst, gap);
    }

    /** The last {@code count} messages kept up to seq {@code upTo}, oldest first: what a new member sees of the conversation so far. */
    List<ChatEvent.Message> recentMessages(int count, long upTo) {
        List<ChatEvent.Message> newestFirst = new ArrayList<>();
        Iterator<ChatEvent.Sequenced> backwards = events.descendingIterator();
        while (backwards.hasNext() && newestFirst.size() < count) {
            if (backwards.next() instanceof ChatEvent.Message message && message.seq() <= upTo) {
                newestFirst.add(message);
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    int size() {
        return events.size();
    }
}
