package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;

/** {@code mvn -pl 02-echo-jsr356 exec:java [-Dexec.args="server|client ..."]}: see DESIGN §3. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EchoCommand.main(new EchoModule("02-echo-jsr356", 8082, JakartaEchoServer::start, JakartaEchoClient::connect), args);
    }
}
