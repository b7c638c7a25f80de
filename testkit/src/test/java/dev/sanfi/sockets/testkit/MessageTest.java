package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one-line differences the contract reports for a wrong echo. */
class MessageTest {

    @Test
    void sameMessageHasNoDifference() {
        assertThat(Message.text("a").differenceFrom(Message.text("a"))).isNull();
    }

    @Test
    void typeLengthAndFirstDifferingByteAreNamed() {
        assertThat(Message.binary(new byte[] {'a'}).differenceFrom(Message.text("a")))
                .isEqualTo("expected a TEXT message, got BINARY message \"a\" (1 byte)");
        assertThat(Message.binary(new byte[3]).differenceFrom(Message.binary(new byte[4])))
                .isEqualTo("expected 4 bytes, got 3 bytes (BINARY)");
        assertThat(Message.binary(new byte[] {0, 1, 2}).differenceFrom(Message.binary(new byte[] {0, 1, 9})))
                .isEqualTo("bytes differ first at index 2 of 3: expected 0x09, got 0x02");
    }

    @Test
    void largeMessagesPrintShort() {
        assertThat(Message.binary(new byte[1 << 20]).toString()).hasSizeLessThan(200).endsWith("(1048576 bytes)");
    }
}
