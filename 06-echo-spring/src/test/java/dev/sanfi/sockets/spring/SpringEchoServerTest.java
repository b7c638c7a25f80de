package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.EchoServerContract;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The echo contract (contract §2, {@code docs/contract.md}), run against the Spring Boot server.
 *
 * <p>Two cases are Tomcat's deviations, kept as such: both concern the Close frame a client sends,
 * which Tomcat's frame parser answers before any code of Spring's or ours is asked, and Tomcat has
 * no place to plug a check in before it (chapter 7b, "What Tomcat decides alone").
 */
class SpringEchoServerTest extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return SpringEchoServer.start(settings);
    }

    @Override
    @Test
    @DisplayName("DEVIATION: RFC 6455 §5.5.1: Tomcat answers an empty Close with Close 1000 (the RFC allows it; "
            + "the contract wants an empty Close)")
    public void emptyCloseIsEchoedEmpty() throws IOException {
        WireClient client = open();
        client.send(Frame.close());
        Close reply = client.awaitClose();
        assertThat(reply.code()).as("Tomcat puts 1000 in its answer to a Close without a code").isEqualTo(1000);
        assertServerClosesTcp(client, "after the closing handshake");
    }

    @Override
    @Test
    @DisplayName("DEVIATION: RFC 6455 §5.5.1, §8.1: Tomcat fails a Close whose reason is not UTF-8 with 1002, "
            + "not 1007")
    public void invalidUtf8CloseReasonIsRefusedWith1007() throws IOException {
        WireClient client = open();
        client.send(Frame.close(1000, new byte[] {'b', 'y', 'e', (byte) 0xFF}));
        assertFailsWith(client, 1002, "Tomcat: a Close reason with invalid UTF-8 is a protocol error to it");
    }
}
