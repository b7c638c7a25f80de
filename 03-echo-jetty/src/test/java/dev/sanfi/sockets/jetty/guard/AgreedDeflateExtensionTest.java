package dev.sanfi.sockets.jetty.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.eclipse.jetty.websocket.core.Extension;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketExtensionRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AgreedDeflateExtensionTest {

    /** An answer of chapter 3's negotiation with every parameter Jetty's extension can keep. */
    private static final String AGREED =
            "permessage-deflate; server_no_context_takeover; server_max_window_bits=15; client_max_window_bits=10";

    @Test
    @DisplayName("RFC 7692 §7.1.2: the answer names the window parameters agreed, which Jetty's own extension drops")
    void answersWhatWasAgreed() {
        WebSocketComponents components = new WebSocketComponents();
        Extension jettys = new WebSocketExtensionRegistry().newInstance(ExtensionConfig.parse(AGREED), components);
        AgreedDeflateExtension agreed = new AgreedDeflateExtension();
        agreed.init(ExtensionConfig.parse(AGREED), components);
        try {
            assertThat(jettys.getConfig().getParameters()).as("the premise: Jetty answers only what it implements itself")
                    .containsOnlyKeys("server_no_context_takeover");
            assertThat(agreed.getConfig().getParameters()).containsOnly(entry("server_no_context_takeover", null),
                    entry("server_max_window_bits", "15"), entry("client_max_window_bits", "10"));
            // What the extension stack asks of it to give it RSV1 (RFC 7692 §6): Jetty's answers.
            assertThat(agreed.getName()).isEqualTo("permessage-deflate");
            assertThat(agreed.isRsv1User()).isTrue();
        } finally {
            agreed.close();
            jettys.close();
        }
    }
}
