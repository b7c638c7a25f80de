package dev.sanfi.sockets.netty.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The client's offers of permessage-deflate, as RFC 7692 §7 wants them judged, before Netty's
 * extension handler reads them. "A server MUST decline an extension negotiation offer for this
 * extension if" it has a parameter not defined for an offer, a parameter with an invalid value, or
 * the same parameter twice. Netty's handshaker keeps the parameters in a map, so a repeated one
 * counts once; it takes {@code server_no_context_takeover=1} as the bare flag; and it reads a
 * window size with {@code Integer.parseInt}, so {@code client_max_window_bits=abc} fails the whole
 * upgrade with an exception. So each offer that must be declined is taken out of
 * {@code Sec-WebSocket-Extensions} here; the others, and offers of other extensions, stay as they
 * came, in order (§9.1: the first the server can accept is the one it takes).
 *
 * <p>The values: {@code server_no_context_takeover} and {@code client_no_context_takeover} have
 * none (§7.1.1); {@code server_max_window_bits} has one, and {@code client_max_window_bits} may
 * have one, a decimal integer from 8 to 15 "without leading zeroes" (§7.1.2), which RFC 6455 §9.1
 * allows in quotes. An offer of a server window under 15 bits is declined too: the JDK's
 * {@code Deflater} compresses with a 15-bit window only, and §7.1.2.1 lets a server that cannot
 * keep to a smaller one decline.
 */
public final class DeflateOffers extends ChannelInboundHandlerAdapter {

    static final String PERMESSAGE_DEFLATE = "permessage-deflate";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
            if (offered != null) {
                String kept = acceptable(String.join(",", request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)));
                if (kept == null) {
                    request.headers().remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
                } else {
                    request.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, kept);
                }
            }
        }
        boolean upgrade = msg instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        ctx.fireChannelRead(msg);
        if (upgrade && ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this); // from here on only frames flow
        }
    }

    /**
     * The offers of the header value that may be accepted: every offer of another extension, and
     * each offer of permessage-deflate that §7 does not make the server decline; null when none is
     * left.
     */
    static String acceptable(String header) {
        List<String> kept = new ArrayList<>();
        for (String offer : split(header, ',')) {
            List<String> parts = split(offer, ';');
            if (parts.isEmpty() || parts.get(0).isEmpty()) {
                continue;
            }
            if (!parts.get(0).equalsIgnoreCase(PERMESSAGE_DEFLATE) || validDeflateParameters(parts.subList(1, parts.size()))) {
                kept.add(offer);
            }
        }
        return kept.isEmpty() ? null : String.join(", ", kept);
    }

    private static boolean validDeflateParameters(List<String> parameters) {
        Set<String> seen = new HashSet<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : unquoted(parameter.substring(equals + 1).strip());
            if (!seen.add(name)) {
                return false;
            }
            boolean valid = switch (name) {
                case "server_no_context_takeover", "client_no_context_takeover" -> value == null;
                // Valid from 8, but the JDK's Deflater keeps to a 15-bit window only: the server
                // "doesn't support the offered configuration" and declines a smaller one (§7.1.2.1).
                case "server_max_window_bits" -> value != null && isWindowBits(value) && value.equals("15");
                case "client_max_window_bits" -> value == null || isWindowBits(value);
                default -> false;
            };
            if (!valid) {
                return false;
            }
        }
        return true;
    }

    /** 8 to 15, in decimal, no leading zero. */
    private static boolean isWindowBits(String value) {
        return value.matches("[89]|1[0-5]");
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** The parts between separators outside quoted strings, stripped. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
