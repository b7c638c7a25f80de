package dev.sanfi.sockets.raw;

import java.nio.ByteBuffer;

/**
 * Checks UTF-8 as it arrives, byte by byte, and says no at the first byte that cannot belong to
 * well-formed UTF-8 (RFC 3629 §4; the Unicode Standard, table 3-7).
 *
 * <p>RFC 6455 §8.1: a text message that is not valid UTF-8 fails the connection with 1007. Checking
 * incrementally means the check works across fragment boundaries (a character may be split between
 * two frames), and fails fast: the connection is closed as soon as the bad byte arrives, without
 * waiting for (and buffering) the rest of the message.
 */
public final class Utf8Validator {

    /** The high bit of each of a long's eight bytes: all clear means eight ASCII bytes. */
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    /** Continuation bytes (10xxxxxx) still expected for the current character. */
    private int needed;
    /** The range the next continuation byte must fall in; narrower than 80–BF right after some lead bytes. */
    private int lower = 0x80;
    private int upper = 0xBF;

    /**
     * Checks the next bytes of the text.
     *
     * @return false as soon as a byte cannot continue well-formed UTF-8; the text is invalid then
     */
    public boolean feed(byte[] bytes, int from, int to) {
        return feed(ByteBuffer.wrap(bytes, from, to - from));
    }

    /**
     * Checks the bytes from the buffer's position to its limit, heap or direct; the position does not
     * move.
     *
     * <p>Between characters, eight bytes are read as one {@code long} first: when none of them has
     * its high bit set, all eight are ASCII (a byte below 0x80 is a whole character in UTF-8, and no
     * byte of a longer character is below 0x80, RFC 3629 §3), and they are skipped in one step. Most
     * text is mostly ASCII — JSON, logs, English — so most bytes cost an eighth of a step; a byte at
     * a time, the check was the largest cost of echoing 1 KiB of text (chapter 9).
     *
     * @return false as soon as a byte cannot continue well-formed UTF-8; the text is invalid then
     */
    public boolean feed(ByteBuffer bytes) {
        int to = bytes.limit();
        for (int i = bytes.position(); i < to; i++) {
            if (needed == 0) {
                while (to - i >= Long.BYTES && (bytes.getLong(i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;                      // eight ASCII characters at once
                }
                if (i == to) {
                    break;
                }
            }
            int b = bytes.get(i) & 0xFF;
            if (needed == 0) {
                if (b <= 0x7F) {
                    continue;                             // ASCII: one byte, one character
                }
                if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;                           // 2-byte character (C0, C1 would be overlong)
                } else if (b >= 0xE0 && b <= 0xEF) {
                    needed = 2;                           // 3-byte character
                    if (b == 0xE0) {
                        lower = 0xA0;                     // E0 80..9F would be overlong
                    } else if (b == 0xED) {
                        upper = 0x9F;                     // ED A0..BF would be a UTF-16 surrogate
                    }
                } else if (b >= 0xF0 && b <= 0xF4) {
                    needed = 3;                           // 4-byte character
                    if (b == 0xF0) {
                        lower = 0x90;                     // F0 80..8F would be overlong
                    } else if (b == 0xF4) {
                        upper = 0x8F;                     // F4 90.. would be above U+10FFFF
                    }
                } else {
                    return false;                         // 80..C1 or F5..FF can never start a character
                }
            } else {
                if (b < lower || b > upper) {
                    return false;                         // not the continuation byte this character needs
                }
                lower = 0x80;
                upper = 0xBF;
                needed--;
            }
        }
        return true;
    }

    /** True when the bytes so far end on a character boundary: a message may end here. */
    public boolean isComplete() {
        return needed == 0;
    }

    /** Forgets everything, for the next text. */
    public void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xBF;
    }

    /** Checks a whole text at once, e.g. a close reason. */
    public static boolean isValid(byte[] bytes, int from, int to) {
        Utf8Validator validator = new Utf8Validator();
        return validator.feed(bytes, from, to) && validator.isComplete();
    }
}
