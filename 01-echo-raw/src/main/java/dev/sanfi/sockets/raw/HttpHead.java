package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.RequestRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The head of an HTTP/1.1 request or response: the start line and the header fields, up to the
 * empty line (RFC 9112 §2.1). The opening handshake is nothing more (RFC 6455 §4.1, §4.2).
 *
 * @param startLine the request line ({@code GET /echo HTTP/1.1}) or status line ({@code HTTP/1.1 101 ...})
 * @param fields    every header field's values, by name in lower case (names are case-insensitive)
 */
public record HttpHead(String startLine, Map<String, List<String>> fields) {

    private static final byte[] END = {'\r', '\n', '\r', '\n'};

    /**
     * Where the head ends in the bytes received so far.
     *
     * @return the index just past the empty line ({@code CRLF CRLF}), or -1 if it has not arrived yet
     */
    public static int endOf(byte[] bytes, int length) {
        outer:
        for (int i = 0; i + END.length <= length; i++) {
            for (int j = 0; j < END.length; j++) {
                if (bytes[i + j] != END[j]) {
                    continue outer;
                }
            }
            return i + END.length;
        }
        return -1;
    }

    /**
     * Reads a head; the bytes end with the empty line. HTTP heads are ISO-8859-1 text (RFC 9110 §5.5).
     *
     * @throws HandshakeException 431 for a head over {@link Limits#MAX_HANDSHAKE_BYTES}, 400 for a
     *                            line that is not {@code name: value}
     */
    public static HttpHead parse(byte[] bytes) throws HandshakeException {
        if (bytes.length > Limits.MAX_HANDSHAKE_BYTES) {
            throw new HandshakeException(431, "HTTP head over " + Limits.MAX_HANDSHAKE_BYTES + " bytes");
        }
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, List<String>> fields = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
                    || Character.isWhitespace(line.charAt(colon - 1))) {
                throw new HandshakeException(400, "malformed header line: " + line);
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        return new HttpHead(lines.length > 0 ? lines[0] : "", fields);
    }

    /** Every value of a header field (empty if it is absent). */
    public List<String> values(String name) {
        return fields.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The value of a header field that must appear once, or null if it is absent or repeated. */
    public String value(String name) {
        List<String> values = values(name);
        return values.size() == 1 ? values.get(0) : null;
    }

    /**
     * Whether a comma-separated header field lists a token, ignoring case: {@code Connection:
     * keep-alive, Upgrade} lists {@code upgrade} (RFC 9110 §5.6.1; RFC 6455 §4.2.1).
     */
    public boolean hasToken(String name, String token) {
        return RequestRules.listsToken(values(name), token);
    }
}
