package dev.sanfi.sockets.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a server's 101 agreed to for permessage-deflate: the parameters of its
 * {@code Sec-WebSocket-Extensions} answer, checked the way RFC 7692 §7 tells a client to check them.
 * The contract's own reading of the header, sharing no code with any module.
 *
 * @param serverNoContextTakeover the server resets its compressor after every message (§7.1.1.1)
 * @param clientNoContextTakeover the client must reset its compressor after every message (§7.1.1.2)
 * @param serverMaxWindowBits     the server's LZ77 window as named in the answer, 8 to 15; 0 when not named (§7.1.2.1)
 * @param clientMaxWindowBits     the client's LZ77 window as named in the answer, 8 to 15; 0 when not named (§7.1.2.2)
 */
public record NegotiatedDeflate(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {

    public static final String EXTENSION = "permessage-deflate";
    public static final String HEADER = "Sec-WebSocket-Extensions";

    /** Whether the response agrees to permessage-deflate at all, valid or not. */
    static boolean named(HttpResponse response) {
        for (String element : elements(response)) {
            if (element.split(";", 2)[0].strip().equalsIgnoreCase(EXTENSION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The agreed parameters of a 101, or null when it names no extension (the offer was declined).
     *
     * @throws AssertionError for an answer RFC 7692 §7 tells a client to fail the connection on:
     *                        another extension, more than one element, a parameter not defined for
     *                        a response, one named twice, or a value out of its range
     */
    public static NegotiatedDeflate of(HttpResponse response) {
        List<String> elements = elements(response);
        if (elements.isEmpty()) {
            return null;
        }
        String rule = "RFC 7692 §7: the answer '" + String.join(", ", elements) + "' ";
        if (elements.size() != 1) {
            throw new AssertionError(rule + "accepts one extension, permessage-deflate, once (RFC 7692 §5)");
        }
        return parse(elements.get(0));
    }

    /** One answered element such as {@code permessage-deflate; server_no_context_takeover}, checked. */
    public static NegotiatedDeflate parse(String element) {
        String rule = "RFC 7692 §7: the answer '" + element + "' ";
        String[] parts = element.split(";");
        if (!parts[0].strip().equals(EXTENSION)) {
            throw new AssertionError(rule + "names an extension that was not offered (RFC 6455 §9.1)");
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = 0;
        int clientBits = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            String[] nameAndValue = parts[i].split("=", 2);
            String name = nameAndValue[0].strip();
            String value = nameAndValue.length == 2 ? unquoted(nameAndValue[1].strip()) : null;
            if (!seen.add(name)) {
                throw new AssertionError(rule + "names " + name + " twice");
            }
            switch (name) {
                case "server_no_context_takeover", "client_no_context_takeover" -> {
                    if (value != null) {
                        throw new AssertionError(rule + "gives " + name + " a value; it has none (§7.1.1)");
                    }
                    serverNoContext |= name.startsWith("server");
                    clientNoContext |= name.startsWith("client");
                }
                case "server_max_window_bits" -> serverBits = windowBits(rule, name, value);
                case "client_max_window_bits" -> clientBits = windowBits(rule, name, value);
                default -> throw new AssertionError(rule + "has a parameter not defined for a response: " + name);
            }
        }
        return new NegotiatedDeflate(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    /** §7.1.2: a decimal 8 to 15 without leading zeros; in a response both window parameters have one. */
    private static int windowBits(String rule, String name, String value) {
        if (value == null || !value.matches("[1-9][0-9]?") || Integer.parseInt(value) < 8 || Integer.parseInt(value) > 15) {
            throw new AssertionError(rule + "gives " + name + " the value " + value
                    + "; in a response it is a decimal from 8 to 15 (§7.1.2)");
        }
        return Integer.parseInt(value);
    }

    /** RFC 6455 §9.1: a value may be a quoted string, whose content is a token. */
    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Every element of every Sec-WebSocket-Extensions field (RFC 6455 §9.1: a comma-separated list). */
    private static List<String> elements(HttpResponse response) {
        List<String> elements = new ArrayList<>();
        for (String value : response.headers().getOrDefault(HEADER, List.of())) {
            for (String element : value.split(",")) {
                if (!element.isBlank()) {
                    elements.add(element.strip());
                }
            }
        }
        return elements;
    }
}
