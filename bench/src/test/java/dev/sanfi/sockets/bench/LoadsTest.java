package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The loads against bench's bare Netty server in this JVM: every echo checked and counted, over
 * ws:// and wss://, with and without permessage-deflate, unpaced and paced, and the idle load.
 * Nothing here is timed: the window is one second, and only what came back is asserted.
 */
class LoadsTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static EchoLoad.Settings echo(URI server, LoadLoop.Options options, int opcode, int size, double rate) {
        return new EchoLoad.Settings(server, options, 4, 2, opcode, size, rate, 0, 1,
                ProcessHandle.current().pid(), ProcessStats.DEFAULT_CLOCK_TICKS);
    }

    private static URI uri(String scheme, BareNettyEchoServer server) {
        return URI.create(scheme + "://localhost:" + server.localAddress().getPort() + "/echo");
    }

    @Test
    void everyKindAndSizeEchoesWithoutAnError() throws Exception {
        try (BareNettyEchoServer server = BareNettyEchoServer.start("localhost", 0)) {
            for (int opcode : new int[] {Wire.TEXT, Wire.BINARY}) {
                for (int size : new int[] {32, 70_000}) { // the 7-bit and the 64-bit length (RFC 6455 §5.2); 1 KiB, the 16-bit one, is below
                    EchoLoad.Result result = new EchoLoad(echo(uri("ws", server), LoadLoop.Options.plain(), opcode,
                            size, 0)).run(QUIET);

                    assertThat(result.echoes()).as(opcode + "/" + size).isPositive();
                    assertThat(result.errors()).as(opcode + "/" + size).isZero();
                    assertThat(result.lostConnections()).isZero();
                    assertThat(result.used().server().threads()).isPositive();
                    assertThat(result.used().wireBytes() / result.echoes()).as("both ways, and the headers")
                            .isGreaterThanOrEqualTo(2L * size);
                }
            }
        }
    }

    @Test
    void overTlsAndCompressedTheEchoesAreTheSame() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
        try (BareNettyEchoServer server = BareNettyEchoServer.start("localhost", 0, certificate.serverContext(), true)) {
            for (boolean deflate : new boolean[] {false, true}) {
                LoadLoop.Options options = new LoadLoop.Options(certificate.trustingContext(), deflate);
                EchoLoad.Result text = new EchoLoad(echo(uri("wss", server), options, Wire.TEXT, 1024, 0)).run(QUIET);
                EchoLoad.Result binary = new EchoLoad(echo(uri("wss", server), options, Wire.BINARY, 1024, 0)).run(QUIET);

                assertThat(text.echoes()).isPositive();
                assertThat(binary.echoes()).isPositive();
                assertThat(text.errors() + binary.errors() + text.lostConnections() + binary.lostConnections()).isZero();
                if (deflate) {
                    assertThat(text.used().wireBytes() / text.echoes()).as("JSON shrinks").isLessThan(1024);
                    assertThat(binary.used().wireBytes() / binary.echoes()).as("random bytes do not").isGreaterThan(2048);
                }
            }
        }
    }

    @Test
    void pacedEachConnectionSendsItsRate() throws Exception {
        try (BareNettyEchoServer server = BareNettyEchoServer.start("localhost", 0)) {
            EchoLoad.Result result = new EchoLoad(echo(uri("ws", server), LoadLoop.Options.plain(), Wire.TEXT, 32, 50))
                    .run(QUIET);

            assertThat(result.errors()).isZero();
            // 4 connections x 50 a second for one second: the schedule decides, not the server.
            assertThat(result.echoes()).isBetween(190L, 210L);
            assertThat(result.minPerConnection()).isBetween(47L, 53L);
        }
    }

    @Test
    void idleConnectionsAreHeldCountedAndEachEchoesOnce() throws Exception {
        try (BareNettyEchoServer server = BareNettyEchoServer.start("localhost", 0)) {
            IdleLoad.Result result = new IdleLoad(new IdleLoad.Settings(uri("ws", server), LoadLoop.Options.plain(), 120,
                    0, 1, 0.2, ProcessHandle.current().pid(), ProcessStats.DEFAULT_CLOCK_TICKS)).run(QUIET);

            assertThat(result.opened()).isEqualTo(120);
            assertThat(result.held()).isEqualTo(120);
            assertThat(result.echoed()).isEqualTo(120);
            assertThat(result.errors()).isZero();
            assertThat(result.after().threads()).isPositive();
        }
    }
}
