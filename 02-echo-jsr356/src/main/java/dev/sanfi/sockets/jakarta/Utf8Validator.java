package dev.sanfi.sockets.jakarta;

/**
 * Checks UTF-8 one byte at a time, as bytes arrive, so that a bad byte is seen the moment it comes
 * (RFC 6455 §8.1: fail as soon as the bytes cannot become valid UTF-8). Rejects what RFC 3629 forbids:
 * overlong forms, surrogates (U+D800..DFFF), code points over U+10FFFF, stray continuation bytes. The
 * rules are the WHATWG decoder's: each lead byte sets how many continuation bytes follow and, for the
 * first of them, a narrower range.
 */
final class Utf8Validator {

    private int needed;
    private int lower = 0x80;
    private int upper = 0xbf;

    /** @return false when this byte makes the input invalid UTF-8, whatever follows */
    boolean accept(int b) {
        if (needed == 0) {
            if (b <= 0x7f) {
                return true;
            }
            if (b >= 0xc2 && b <= 0xdf) {
                needed = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
                needed = 2;
                lower = b == 0xe0 ? 0xa0 : 0x80; // E0 80..9F would be overlong
                upper = b == 0xed ? 0x9f : 0xbf; // ED A0..BF would be a surrogate
            } else if (b >= 0xf0 && b <= 0xf4) {
                needed = 3;
                lower = b == 0xf0 ? 0x90 : 0x80; // F0 80..8F would be overlong
                upper = b == 0xf4 ? 0x8f : 0xbf; // F4 90.. would be over U+10FFFF
            } else {
                return false; // a continuation byte with no lead, C0/C1 (overlong), F5..FF
            }
            return true;
        }
        if (b < lower || b > upper) {
            return false;
        }
        lower = 0x80;
        upper = 0xbf;
        needed--;
        return true;
    }

    /** Whether the input so far ends on a whole character (a message must, when it ends). */
    boolean complete() {
        return needed == 0;
    }

    /** Forgets everything: a new message starts. */
    void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xbf;
    }
}
