package dev.sanfi.sockets.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ExtensionHeader.Extension;
import dev.sanfi.sockets.common.ExtensionHeader.Parameter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §9.1's grammar of Sec-WebSocket-Extensions. */
class ExtensionHeaderTest {

    private static List<Extension> parse(String... lines) throws ExtensionHeader.MalformedException {
        return ExtensionHeader.parse(List.of(lines));
    }

    @Test
    @DisplayName("§9.1: extensions separated by commas, parameters by semicolons, with or without a value")
    void extensionsAndParameters() throws Exception {
        assertThat(parse("permessage-deflate; client_max_window_bits, permessage-deflate;server_max_window_bits=10 , x-foo"))
                .containsExactly(
                        new Extension("permessage-deflate", List.of(new Parameter("client_max_window_bits", null))),
                        new Extension("permessage-deflate", List.of(new Parameter("server_max_window_bits", "10"))),
                        new Extension("x-foo", List.of()));
    }

    @Test
    @DisplayName("§9.1: a quoted value is unquoted (a backslash escapes), and must then be a token")
    void quotedValues() throws Exception {
        assertThat(parse("permessage-deflate; client_max_window_bits=\"10\"; x=\"a\\bc\"").get(0).parameters())
                .containsExactly(new Parameter("client_max_window_bits", "10"), new Parameter("x", "abc"));
        assertThatThrownBy(() -> parse("e; x=\"a b\"")).isInstanceOf(ExtensionHeader.MalformedException.class)
                .hasMessageContaining("not a token");
        assertThatThrownBy(() -> parse("e; x=\"\"")).isInstanceOf(ExtensionHeader.MalformedException.class);
    }

    @Test
    @DisplayName("§9.1: the field may come on several lines, their lists joined in order; empty elements are skipped")
    void severalLinesAndEmptyElements() throws Exception {
        assertThat(parse("a, , b;x", "", "c")).extracting(Extension::name).containsExactly("a", "b", "c");
        assertThat(parse()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"permessage-deflate; ", "permessage-deflate;=1", "permessage-deflate; x=", "; x",
            "permessage-deflate; x=\"10", "permessage-deflate x", "permessage-deflate; x=1 2", "per(message)",
            "permessage-deflate; x=a\"b\""})
    @DisplayName("§9.1: a header that breaks the grammar is malformed, and the message says where")
    void malformed(String header) {
        assertThatThrownBy(() -> parse(header)).isInstanceOf(ExtensionHeader.MalformedException.class)
                .hasMessageContaining("RFC 6455 §9.1").hasMessageContaining("column");
    }
}
