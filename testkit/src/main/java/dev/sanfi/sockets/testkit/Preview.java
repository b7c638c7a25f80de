package dev.sanfi.sockets.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A short, readable rendering of a payload for failure messages: a 1 MiB payload must not turn an
 * assertion message into a megabyte of text.
 */
final class Preview {

    private static final int SHOWN = 40;

    private Preview() {
    }

    static String of(byte[] bytes) {
        String size = bytes.length + (bytes.length == 1 ? " byte" : " bytes");
        if (bytes.length == 0) {
            return "(" + size + ")";
        }
        int shown = Math.min(bytes.length, SHOWN);
        String more = bytes.length > shown ? "..." : "";
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, shown)).toString();
            if (text.chars().noneMatch(Character::isISOControl)) {
                return "\"" + text + "\"" + more + " (" + size + ")";
            }
        } catch (CharacterCodingException e) {
            // not text (or cut inside a character): show hex below
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            hex.append(String.format("%02x", bytes[i] & 0xFF));
            if (i < shown - 1) {
                hex.append(' ');
            }
        }
        return "[" + hex + more + "] (" + size + ")";
    }
}
