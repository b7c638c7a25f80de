package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.testkit.ClientTlsChecks;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * wss:// through Jetty's SslConnectionFactory, and the Jetty client's side of TLS: trust, the
 * host-name check, and that the handshake deadline spares an upgraded connection (testkit's
 * ClientTlsChecks). The server side over TLS is testkit's TlsEchoServerContract.
 */
@ResourceLock(JettyEchoClientTest.CLIENT_THREADS)
class TlsTest extends ClientTlsChecks {

    TlsTest() {
        super(JettyEchoServer::start, JettyEchoClient::connect);
    }
}
