package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.testkit.IdiomaticEndpoint;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The echo a learner opens first uses only Spring's WebSocket API, and nothing of the guard. */
class IdiomaticEndpointTest {

    @Test
    @DisplayName("the idiomatic echo imports only the stack's public API and is short")
    void theEchoShowsTheStackOnly() throws IOException {
        IdiomaticEndpoint.assertIdiomatic("src/main/java/dev/sanfi/sockets/spring/EchoHandler.java",
                "org.springframework.web.socket.");
    }
}
