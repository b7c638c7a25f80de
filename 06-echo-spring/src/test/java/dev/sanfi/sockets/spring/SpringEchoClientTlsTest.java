package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.testkit.ClientTlsChecks;
import dev.sanfi.sockets.testkit.HeardEvents;
import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spring's client (Tomcat's) over {@code wss://}: whom it trusts and which checks refuse a server
 * (testkit's ClientTlsChecks), and where Tomcat's host-name check leaves {@code ClientOptions} no choice.
 */
class SpringEchoClientTlsTest extends ClientTlsChecks {

    SpringEchoClientTlsTest() {
        super(SpringEchoServer::start, SpringEchoClient::connect, DeploymentException.class);
    }

    @Override
    @Test
    @DisplayName("DEVIATION: with the host-name check off, a trusted certificate for another host is still refused"
            + " (wrong host name): Tomcat has every engine check it, and a trust that checks certificates checks the name")
    public void hostNameCheckOffAcceptsATrustedCertificateForAnotherHost() throws Exception {
        EchoServer other = startForAnotherHost();
        Throwable refused = catchThrowable(() -> connect(wss(other, "localhost"), hostNameUnchecked(), new HeardEvents()).close());

        assertRefused(refused, "No subject alternative DNS name matching localhost", "wrong host name");
    }

    @Test
    @DisplayName("no host-name check with the JDK's trust store: refused with one line that says why")
    void refusesToSkipTheHostNameCheckOfTheJdkTrustStore() {
        assertThatThrownBy(() -> connect(wss(server(), "localhost"), ClientOptions.defaults().withTrust(null, false),
                new HeardEvents()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host name")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
