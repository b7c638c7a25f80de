package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.TlsEchoServerContract;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The echo contract over wss:// (testkit's TlsEchoServerContract) against the Spring Boot server with
 * its guard, Tomcat's connector given the settings' SSLContext.
 *
 * <p>One case is the deviation {@code SpringEchoServerTest} keeps over ws:// too: Tomcat's frame
 * parser answers a Close without a code with Close 1000, before any code of Spring's or ours is asked
 * (chapter 7b, "What Tomcat decides alone"). TLS changes nothing about it.
 */
class SpringTlsEchoServerTest extends TlsEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return SpringEchoServer.start(settings);
    }

    @Override
    @Test
    @DisplayName("DEVIATION: RFC 6455 §5.5.1 over TLS: Tomcat answers an empty Close with Close 1000 (the RFC allows it; "
            + "the contract wants an empty Close)")
    public void emptyCloseIsEchoedEmpty() throws IOException {
        WireClient client = open();
        client.send(Frame.close());
        Close reply = client.awaitClose();
        assertThat(reply.code()).as("Tomcat puts 1000 in its answer to a Close without a code").isEqualTo(1000);
        client.awaitEof(); // RFC 6455 §7.1.1: then the server closes TCP
    }
}
