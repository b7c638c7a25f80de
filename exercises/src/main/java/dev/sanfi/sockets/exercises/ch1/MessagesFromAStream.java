package dev.sanfi.sockets.exercises.ch1;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.raw.protocol.Connection;
import dev.sanfi.sockets.raw.protocol.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chapter 1, exercise 1: TCP may deliver a byte stream in any pieces; the frames still give back
 * the messages, whole and in order.
 */
public final class MessagesFromAStream {

    private MessagesFromAStream() {
    }

    /**
     * The text messages in {@code stream} (frames as a server sends them), read the way a socket
     * might deliver them: in pieces of {@code pieceSize} bytes, the last one shorter.
     */
    public static List<String> texts(byte[] stream, int pieceSize) {
        Connection client = Connection.forClient(Limits.MAX_MESSAGE_BYTES, () -> 0);   // it only receives: no key is drawn
        List<String> texts = new ArrayList<>();
        for (int from = 0; from < stream.length; from += pieceSize) {
            byte[] piece = Arrays.copyOfRange(stream, from, Math.min(stream.length, from + pieceSize));
            for (Event event : client.receive(piece)) {
                if (event instanceof Event.MessageReceived received) {
                    texts.add(received.message().text());
                }
            }
        }
        return texts;
    }
}
