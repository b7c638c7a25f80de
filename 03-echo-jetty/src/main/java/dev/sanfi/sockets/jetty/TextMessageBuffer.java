package dev.sanfi.sockets.jetty;

/**
 * Reassembles one text message from the pieces Jetty hands over, refusing to grow past the
 * message limit.
 *
 * <p>Why not let Jetty reassemble? Its whole-message text sink checks UTF-8 only when the last
 * fragment has arrived, while RFC 6455 §8.1 asks to fail "as soon as" invalid UTF-8 is seen. The
 * partial sink decodes each fragment as it comes (1007 at the first bad byte), but then the size
 * limit is ours to keep, which this class does.
 */
final class TextMessageBuffer {

    private final long maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long bytes;

    TextMessageBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a decoded piece of the message.
     *
     * @return false when the message is now larger than the limit (RFC 6455 §7.4.1: close 1009)
     */
    boolean append(String piece) {
        bytes += utf8Length(piece);
        if (bytes > maxBytes) {
            return false;
        }
        text.append(piece);
        return true;
    }

    /** The whole message; the buffer is empty again for the next one. */
    String take() {
        String message = text.toString();
        text.setLength(0);
        bytes = 0;
        return message;
    }

    /** How many bytes the piece had on the wire, without encoding it again. */
    static long utf8Length(CharSequence chars) {
        long length = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4; // with its low surrogate: one code point above U+FFFF
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
