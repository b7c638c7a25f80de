package dev.sanfi.sockets.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the chat page with the JDK's built-in HTTP server ({@code com.sun.net.httpserver}).
 * Java-WebSocket speaks only WebSocket — a plain {@code GET /} gets no page from it — so the page
 * lives on its own port, and the page learns the chat's port from {@code /config.json}. With TLS it
 * is the JDK's {@code HttpsServer}, and the page, loaded over {@code https://}, joins with {@code wss://}.
 */
final class PageServer {

    private static final String RESOURCES = "dev/sanfi/sockets/chat/page/";

    /** Path → resource file and content type. Everything else is 404. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/chat.js", new String[] {"chat.js", "text/javascript; charset=utf-8"},
            "/chat.css", new String[] {"chat.css", "text/css; charset=utf-8"});

    /**
     * Defence in depth for the page: scripts only from this server (no inline script, so injected
     * markup could not run even if it reached the DOM), connections to any WebSocket port.
     */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self'; object-src 'none'; base-uri 'none'";

    private final HttpServer http;
    private volatile int wsPort = -1;
    private volatile boolean tokenRequired;

    private PageServer(HttpServer http) {
        this.http = http;
    }

    /** Binds the port; nothing is served until {@link #start(int)}. */
    static PageServer bind(String host, int port) throws IOException {
        return bind(host, port, null);
    }

    /** Binds the port, for {@code https://} when {@code tls} is not null; nothing is served until {@link #start(int)}. */
    static PageServer bind(String host, int port, javax.net.ssl.SSLContext tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        HttpServer http;
        if (tls == null) {
            http = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            http = https;
        }
        PageServer page = new PageServer(http);
        page.http.createContext("/", page::handle);
        return page;
    }

    int port() {
        return http.getAddress().getPort();
    }

    /** Starts serving; {@code /config.json} tells the page where the chat listens, and whether it asks for a token. */
    void start(int chatPort, boolean tokenRequired) {
        this.wsPort = chatPort;
        this.tokenRequired = tokenRequired;
        http.start();
    }

    void stop() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/config.json")) {
                byte[] body = ("{\"wsPort\":" + wsPort + ",\"wsPath\":\"" + ChatRequestTarget.CHAT_PATH + "\",\"token\":"
                        + tokenRequired + "}")
                        .getBytes(StandardCharsets.UTF_8);
                send(exchange, 200, "application/json", body);
            } else if (FILES.containsKey(path)) {
                String[] file = FILES.get(path);
                send(exchange, 200, file[1], resource(file[0]));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PageServer.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the classpath: " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
