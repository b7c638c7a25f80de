package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.testkit.ClientTlsChecks;

/**
 * wss:// on Grizzly's SSL filter, and the Tyrus client's side of TLS: trust, the host-name check,
 * and that the handshake deadline spares an upgraded connection (testkit's ClientTlsChecks). The
 * server side over TLS is testkit's TlsEchoServerContract.
 */
class TlsTest extends ClientTlsChecks {

    TlsTest() {
        super(JakartaEchoServer::start, JakartaEchoClient::connect);
    }
}
