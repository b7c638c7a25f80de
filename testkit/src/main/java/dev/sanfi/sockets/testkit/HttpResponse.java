package dev.sanfi.sockets.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 response as the server sent it: status line, headers and body.
 *
 * <p>Only what the contract needs is understood: the body is read by {@code Content-Length}, as
 * chunks for {@code Transfer-Encoding: chunked}, up to EOF when the server says
 * {@code Connection: close} without a length, and is empty otherwise (a 101 has none: after it the
 * bytes are WebSocket frames, RFC 6455 §4.2.2).
 */
public record HttpResponse(String httpVersion, int status, String reason, Map<String, List<String>> headers, byte[] body) {

    /** A response head larger than this is not what any echo server sends; stop reading. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** The first value of a header (name ignoring case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether a comma-separated header (such as {@code Connection}) lists a token, ignoring case. */
    public boolean headerHasToken(String name, String token) {
        List<String> values = headers.getOrDefault(name, List.of());
        return values.stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(value -> value.trim().equalsIgnoreCase(token));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Reads one response; the stream is left right after it (where frames start after a 101). */
    public static HttpResponse read(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: '" + lines[0] + "'");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status code in '" + lines[0] + "'", e);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException("not an HTTP header line: '" + lines[i] + "'");
            }
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        HttpResponse withoutBody = new HttpResponse(statusLine[0], status, statusLine.length > 2 ? statusLine[2] : "",
                Collections.unmodifiableMap(headers), new byte[0]);
        return new HttpResponse(withoutBody.httpVersion, status, withoutBody.reason, withoutBody.headers,
                withoutBody.readBody(in));
    }

    private byte[] readBody(InputStream in) throws IOException {
        if (status / 100 == 1 || status == 204 || status == 304) {
            return new byte[0];
        }
        String length = header("Content-Length");
        if (length != null) {
            long n = Long.parseLong(length.trim());
            if (n > MAX_BODY_BYTES) {
                throw new IOException("Content-Length " + n + " is more than this client reads");
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new EOFException("the connection closed after " + body.length + " of " + n + " body bytes");
            }
            return body;
        }
        if (headerHasToken("Transfer-Encoding", "chunked")) {
            return readChunked(in);
        }
        if (headerHasToken("Connection", "close") || httpVersion.equals("HTTP/1.0")) {
            return in.readNBytes(MAX_BODY_BYTES);
        }
        return new byte[0];
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailer fields: not needed
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size || body.size() + size > MAX_BODY_BYTES) {
                throw new EOFException("a chunked body ended early or is too large");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("the connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The bytes up to the empty line that ends the head (CRLF CRLF), without it. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("the connection was closed before a complete response head; got "
                        + head.size() + " bytes" + (head.size() > 0 ? ": " + Preview.of(head.toByteArray()) : ""));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("response head larger than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        byte[] bytes = head.toByteArray();
        return new String(bytes, 0, bytes.length - end.length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(httpVersion + " " + status + " " + reason);
        headers.forEach((name, values) -> values.forEach(value -> text.append("\n").append(name).append(": ").append(value)));
        if (body.length > 0) {
            text.append("\n\n").append(Preview.of(body));
        }
        return text.toString();
    }
}
