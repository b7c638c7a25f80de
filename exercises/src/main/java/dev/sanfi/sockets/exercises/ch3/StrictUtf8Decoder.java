package dev.sanfi.sockets.exercises.ch3;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Chapter 3, exercise 2: decode a text message piece by piece as its fragments arrive, refusing
 * invalid UTF-8 at once (§8.1) — with the JDK's {@link CharsetDecoder} instead of a hand-written
 * validator. {@code new String(bytes, UTF_8)} would replace bad bytes with U+FFFD; a decoder told to
 * {@link CodingErrorAction#REPORT REPORT} refuses them, and keeps a character cut between two pieces
 * for the next one. One decoder per message.
 */
public final class StrictUtf8Decoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] pending = new byte[0];   // the start of a character cut off by the end of a piece: at most 3 bytes

    /**
     * The text of this piece, and of the character the previous piece began.
     *
     * @throws CharacterCodingException at the first byte that is not UTF-8
     */
    public String feed(byte[] piece) throws CharacterCodingException {
        ByteBuffer in = ByteBuffer.allocate(pending.length + piece.length).put(pending).put(piece).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining());   // UTF-8 never gives more chars than bytes
        CoderResult result = decoder.decode(in, out, false);
        if (result.isError()) {
            result.throwException();
        }
        pending = Arrays.copyOfRange(in.array(), in.position(), in.limit());
        return out.flip().toString();
    }

    /**
     * Ends the message.
     *
     * @throws CharacterCodingException when it ends inside a character
     */
    public void finish() throws CharacterCodingException {
        ByteBuffer in = ByteBuffer.wrap(pending);
        CharBuffer out = CharBuffer.allocate(pending.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            result.throwException();
        }
        decoder.flush(out);
        pending = new byte[0];
    }
}
