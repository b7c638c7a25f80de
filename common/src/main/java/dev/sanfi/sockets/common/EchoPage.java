package dev.sanfi.sockets.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The browser client page every echo server serves at {@code GET /}. It is one HTML file (with its
 * script and style inside) in this module's resources, so every stack serves the same bytes.
 */
public final class EchoPage {

    /** The page's classpath resource, for servers that serve files from the classpath themselves. */
    public static final String RESOURCE = "dev/sanfi/sockets/common/echo-page.html";

    public static final String CONTENT_TYPE = "text/html; charset=utf-8";

    private static final byte[] HTML = load();

    private EchoPage() {
    }

    /** The page's bytes (a fresh copy, so a caller cannot change what others serve). */
    public static byte[] html() {
        return HTML.clone();
    }

    private static byte[] load() {
        try (InputStream in = EchoPage.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the classpath: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
