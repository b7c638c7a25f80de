package dev.sanfi.sockets.common;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What an echo server answers an HTTP request, decided from its head alone: the page, the
 * WebSocket upgrade, or a refusal with a status and a one-line reason. Every echo server asks this
 * class, so that all of them answer every request alike (the contract in {@code testkit} checks
 * it); each only carries out the answer with its own stack.
 *
 * <p>The rules, in the order they are applied ({@code docs/contract.md} lists them too):
 * <ol>
 *   <li>HTTP/1.1 needs exactly one {@code Host} (RFC 9112 §3.2): else 400.</li>
 *   <li>{@code /echo} (RFC 6455 §4.2.1, in the order of its items):
 *     no {@code Upgrade: websocket} → 426 naming what to send (§4.2.2 says a server may answer a
 *     request that is no upgrade with a plain HTTP status); not {@code GET} → 400 (item 1);
 *     not HTTP/1.1 → 400 (item 1); no {@code upgrade} token in {@code Connection} → 400 (item 4);
 *     a {@code Sec-WebSocket-Key} that is not one base64 value of 16 bytes → 400 (item 5);
 *     a {@code Sec-WebSocket-Version} missing or not 13 → 426 with {@code Sec-WebSocket-Version: 13}
 *     (item 6, §4.4: naming the version we speak lets the client retry); an {@code Origin} the
 *     policy does not allow → 403 (§4.2.2 item 4.1, §10.2); a {@code Sec-WebSocket-Extensions}
 *     that breaks §9.1's grammar → 400 (§9.1). Then: switch protocols.</li>
 *   <li>{@code /} without an upgrade: {@code GET} and {@code HEAD} get the page, any other method
 *     405 with {@code Allow: GET, HEAD} (RFC 9110 §15.5.6).</li>
 *   <li>Anything else: 404.</li>
 * </ol>
 *
 * <p>A missing {@code Sec-WebSocket-Version} could as well be a 400: §4.2.1 does not single it out.
 * The course answers 426 with the version, as for a wrong one, because that tells a client what
 * to fix; the rule is one line below, and every server follows it.
 */
public final class RequestRules {

    /** RFC 6455 §4.1: the key is the base64 encoding of 16 random bytes. */
    private static final int KEY_BYTES = 16;

    private RequestRules() {
    }

    /** The parts of a request head the rules look at, whatever stack parsed it. */
    public interface Head {
        /** {@code GET}, {@code HEAD}, ... as sent. */
        String method();

        /** The target's path, without the query: {@code /echo} for {@code /echo?x=1}. */
        String path();

        /** The protocol of the request line, such as {@code HTTP/1.1}. */
        String version();

        /** Every value of a header field, in order, by a name of any case; empty when there is none. */
        List<String> values(String name);

        /** The value of a field that appears exactly once, else null. */
        default String single(String name) {
            List<String> values = values(name);
            return values.size() == 1 ? values.get(0).strip() : null;
        }

        /** Whether a comma-separated field lists a token, ignoring case (RFC 9110 §5.6.1). */
        default boolean hasToken(String name, String token) {
            return listsToken(values(name), token);
        }
    }

    /**
     * Whether the values of a comma-separated header field list a token, ignoring case:
     * {@code Connection: keep-alive, Upgrade} lists {@code upgrade} (RFC 9110 §5.6.1, RFC 6455 §4.2.1).
     * For requests and responses alike: a client checks the server's 101 with it too (§4.1).
     */
    public static boolean listsToken(List<String> values, String token) {
        for (String value : values) {
            for (String element : value.split(",")) {
                if (element.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A head from its parts; {@code values} looks a field up by name, case-insensitively, as every
     * stack's header map does ({@code null} counts as absent).
     */
    public static Head head(String method, String path, String version, Function<String, List<String>> values) {
        return new Head() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String version() {
                return version;
            }

            @Override
            public List<String> values(String name) {
                List<String> found = values.apply(name);
                return found == null ? List.of() : found;
            }
        };
    }

    /** What to answer. */
    public sealed interface Answer permits Page, Upgrade, Refusal {
    }

    /** The browser page, with its body unless the request was a {@code HEAD}. */
    public record Page(boolean withBody) implements Answer {
    }

    /** A valid upgrade to the echo: answer 101 with the accept value of this key (§4.2.2). */
    public record Upgrade(String key) implements Answer {
    }

    /**
     * No upgrade: the status, a one-line reason (the body, with a newline), and the header fields
     * the status calls for. The socket is closed after it ({@code Connection: close}).
     */
    public record Refusal(int status, String reason, Map<String, String> headers) implements Answer {

        public Refusal {
            headers = Map.copyOf(headers);
        }

        static Refusal of(int status, String reason) {
            return new Refusal(status, reason, Map.of());
        }

        /** The reason phrase of the status line. */
        public String phrase() {
            return RequestRules.phrase(status);
        }

        /** The body: the reason and a newline, as {@code text/plain; charset=utf-8}. */
        public String body() {
            return reason + "\n";
        }
    }

    /** The body's media type of every refusal. */
    public static final String REFUSAL_CONTENT_TYPE = "text/plain; charset=utf-8";

    /** Decides the answer to one request head. */
    public static Answer decide(Head request, OriginPolicy origins) {
        if ("HTTP/1.1".equals(request.version()) && request.single("Host") == null) {
            return Refusal.of(400, "exactly one Host header is required (RFC 9112 §3.2)");
        }
        String path = request.path();
        if (path.equals(EchoProtocol.ECHO_PATH)) {
            return decideUpgrade(request, origins);
        }
        if (path.equals(EchoProtocol.PAGE_PATH) && !request.hasToken("Upgrade", "websocket")) {
            return switch (request.method()) {
                case "GET" -> new Page(true);
                case "HEAD" -> new Page(false);
                default -> new Refusal(405, "the page answers GET and HEAD, not " + request.method(),
                        Map.of("Allow", "GET, HEAD"));
            };
        }
        return Refusal.of(404, "nothing at " + path + ": the page is at " + EchoProtocol.PAGE_PATH
                + ", the WebSocket at " + EchoProtocol.ECHO_PATH);
    }

    private static Answer decideUpgrade(Head request, OriginPolicy origins) {
        if (!request.hasToken("Upgrade", "websocket")) {
            return upgradeRequired("this is a WebSocket endpoint: send 'Upgrade: websocket'");
        }
        if (!request.method().equals("GET")) {
            return Refusal.of(400, "the upgrade must be a GET, not " + request.method());
        }
        if (!request.version().equals("HTTP/1.1")) {
            return Refusal.of(400, "the upgrade needs HTTP/1.1, not " + request.version());
        }
        if (!request.hasToken("Connection", "upgrade")) {
            return Refusal.of(400, "'upgrade' token not found in the 'Connection' header");
        }
        String key = request.single("Sec-WebSocket-Key");
        if (!isValidKey(key)) {
            return Refusal.of(400, "'Sec-WebSocket-Key' must be one base64 value of 16 bytes");
        }
        String version = request.single("Sec-WebSocket-Version");
        if (version == null) {
            return upgradeRequired("missing 'Sec-WebSocket-Version': this server speaks " + EchoProtocol.WEBSOCKET_VERSION);
        }
        if (!version.equals(EchoProtocol.WEBSOCKET_VERSION)) {
            return upgradeRequired("unsupported Sec-WebSocket-Version " + version
                    + ": this server speaks " + EchoProtocol.WEBSOCKET_VERSION);
        }
        String origin = request.single("Origin");
        if (!origins.allows(origin, request.single("Host"))) {
            return Refusal.of(403, "origin not allowed: " + origin);
        }
        try {
            // §9.1: "the recipient of such malformed data MUST immediately Fail the WebSocket
            // Connection"; before the 101 that is §4.2.1's answer to a handshake that does not
            // match: stop, and answer with an error code such as 400. Whether the server takes any
            // extension does not matter: the header is read either way.
            ExtensionHeader.parse(request.values("Sec-WebSocket-Extensions"));
        } catch (ExtensionHeader.MalformedException e) {
            return Refusal.of(400, "'Sec-WebSocket-Extensions' does not follow RFC 6455 §9.1: " + e.problem());
        }
        return new Upgrade(key);
    }

    /** 426, naming the protocol and the version this server speaks (RFC 9110 §15.5.22, RFC 6455 §4.4). */
    private static Refusal upgradeRequired(String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upgrade", "websocket");
        headers.put("Sec-WebSocket-Version", EchoProtocol.WEBSOCKET_VERSION);
        return new Refusal(426, reason, headers);
    }

    private static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * The path of a request target, without the query: the origin form {@code /echo?x=1} or the
     * absolute form {@code http://host/echo} that §4.2.1 item 1 also allows; null for neither.
     */
    public static String pathOf(String target) {
        String path = target;
        String lower = target.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"http://", "https://"}) {
            if (lower.startsWith(scheme)) {
                int slash = target.indexOf('/', scheme.length());
                path = slash < 0 ? "/" : target.substring(slash);
            }
        }
        if (!path.startsWith("/")) {
            return null;
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** The reason phrase of each status the echo servers answer with (RFC 9110 §15, RFC 6585). */
    public static String phrase(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
