package dev.sanfi.sockets.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code Sec-WebSocket-Extensions} by the grammar of RFC 6455 §9.1: a comma-separated list
 * of extensions, each a token followed by {@code ;}-separated parameters, each a token with an
 * optional {@code =} value that is a token or a quoted string.
 *
 * <pre>
 * extension-list = 1#extension
 * extension      = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 *
 * <p>A quoted value is unquoted (a backslash escapes the next character, RFC 2616 §2.2) and must
 * then be a token itself (§9.1). Whitespace around the separators is allowed. Like any list-valued
 * HTTP header the field may come on several lines; their lists are joined in order. Pure: strings in,
 * records out.
 */
public final class ExtensionHeader {

    /** One element of the list: an extension the client offers, with its parameters in order. */
    public record Extension(String name, List<Parameter> parameters) {

        public Extension {
            parameters = List.copyOf(parameters);
        }
    }

    /** An extension parameter; {@code value} is null when it has none (not the same as an empty value). */
    public record Parameter(String name, String value) {
    }

    /** The header breaks the §9.1 grammar; the message says where. */
    public static final class MalformedException extends Exception {

        private final String problem;

        MalformedException(String problem, String message) {
            super(message);
            this.problem = problem;
        }

        /** What is wrong and where, without the header's text: {@code expected ',' at column 20}. */
        public String problem() {
            return problem;
        }
    }

    private final String text;
    private int at;

    private ExtensionHeader(String text) {
        this.text = text;
    }

    /**
     * Every extension of every line of the field, in order.
     *
     * @param lines the field's values, one per header line (empty when the field is absent)
     * @throws MalformedException when a line breaks the grammar
     */
    public static List<Extension> parse(List<String> lines) throws MalformedException {
        List<Extension> extensions = new ArrayList<>();
        for (String line : lines) {
            extensions.addAll(new ExtensionHeader(line).list());
        }
        return extensions;
    }

    /** RFC 9110 §5.6.1: a list may have empty elements ({@code a, , b}); they are skipped. */
    private List<Extension> list() throws MalformedException {
        List<Extension> extensions = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (at == text.length()) {
                return extensions;
            }
            if (peek() != ',') {
                extensions.add(extension());
                skipWhitespace();
                if (at == text.length()) {
                    return extensions;
                }
                expect(',');
            } else {
                at++;
            }
        }
    }

    private Extension extension() throws MalformedException {
        String name = token("an extension name");
        List<Parameter> parameters = new ArrayList<>();
        skipWhitespace();
        while (at < text.length() && peek() == ';') {
            at++;
            skipWhitespace();
            String parameter = token("a parameter name");
            skipWhitespace();
            String value = null;
            if (at < text.length() && peek() == '=') {
                at++;
                skipWhitespace();
                value = at < text.length() && peek() == '"' ? quotedToken() : token("a parameter value");
                skipWhitespace();
            }
            parameters.add(new Parameter(parameter, value));
        }
        return new Extension(name, parameters);
    }

    /** RFC 2616 §2.2: 1*&lt;any CHAR except CTLs or separators&gt;. */
    private String token(String what) throws MalformedException {
        int start = at;
        while (at < text.length() && isTokenChar(text.charAt(at))) {
            at++;
        }
        if (at == start) {
            throw malformed("expected " + what);
        }
        return text.substring(start, at);
    }

    /** §9.1: a quoted value, once unescaped, must be a token. */
    private String quotedToken() throws MalformedException {
        at++;   // the opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at == text.length()) {
                throw malformed("a quoted string is not closed");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (at == text.length()) {
                    throw malformed("a quoted string ends in a backslash");
                }
                c = text.charAt(at++);
            }
            value.append(c);
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> isTokenChar((char) c))) {
            throw malformed("a quoted value that is not a token once unquoted");
        }
        return value.toString();
    }

    static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private void skipWhitespace() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private char peek() {
        return text.charAt(at);
    }

    private void expect(char c) throws MalformedException {
        if (at == text.length() || peek() != c) {
            throw malformed("expected '" + c + "'");
        }
        at++;
    }

    private MalformedException malformed(String problem) {
        String where = problem + " at column " + (at + 1);
        return new MalformedException(where, "Sec-WebSocket-Extensions: " + where + " of '" + text + "' (RFC 6455 §9.1)");
    }
}
