package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.netty.NettyEchoServer;
import dev.sanfi.sockets.testkit.HeadlessChromium;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * TLS terminated by a reverse proxy (chapter 10): nginx holds the test's certificate and serves
 * {@code wss://}, and forwards plain {@code ws://} to 04-echo-netty's server, which knows nothing
 * of TLS. Every client echoes through it; the same-origin check still works behind it because
 * nginx passes the browser's {@code Host} on ({@code proxy_set_header Host $http_host}), and the
 * two tempting alternatives are shown to break it. Skipped without nginx (failing in CI, which
 * installs it).
 */
@DisplayName("nginx terminating TLS -> 04-echo-netty over plain ws://")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReverseProxyTest {

    private TestCertificate certificate;
    private EchoServer backend;
    private NginxProxy proxy;

    @BeforeAll
    void start() throws Exception {
        certificate = TestCertificate.create();
        // The backend is the plain server of chapter 7, same-origin policy and all.
        backend = NettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    /** Each test, not the class, is skipped without nginx: so the report counts and explains them. */
    @BeforeEach
    void requireNginx() throws Exception {
        NginxProxy.assumeInstalled();
        if (proxy == null) {
            proxy = NginxProxy.start(certificate, backend.localAddress(), Map.of());
        }
    }

    @AfterAll
    void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            try {
                backend.close();
            } finally {
                certificate.close();
            }
        }
    }

    @ParameterizedTest(name = "{0} client -> nginx over wss:// -> 04-echo-netty over ws://: text, 1 MiB binary, Close 1000")
    @EnumSource(ClientStack.class)
    void echoThroughTheProxy(ClientStack client) throws Exception {
        URI uri = Transport.WSS.uri("127.0.0.1", proxy.port(), "/echo");
        RecordedEvents events = new RecordedEvents();
        try (var session = client.connect(uri, Transport.WSS, certificate, events)) {
            session.sendText(EchoServerRow.MULTI_BYTE);
            assertThat(events.nextText()).as(client + " through nginx").isEqualTo(EchoServerRow.MULTI_BYTE);

            byte[] data = EchoServerRow.randomBytes(Limits.MAX_MESSAGE_BYTES);
            session.sendBinary(data);
            byte[] echo = events.nextBinary();
            assertThat(Arrays.mismatch(echo, data)).as(client + " through nginx: first byte that differs").isEqualTo(-1);

            session.sendClose(CloseCodes.NORMAL_CLOSURE, "bye");
            assertThat(events.awaitClose().code()).as(client + " through nginx").isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    @DisplayName("the page's own origin passes the same-origin check behind nginx, another origin gets 403")
    void originCheckBehindTheProxy() throws Exception {
        String ownOrigin = "https://127.0.0.1:" + proxy.port();

        assertThat(upgradeThrough(proxy, ownOrigin).status()).as("Origin " + ownOrigin).isEqualTo(101);
        assertThat(upgradeThrough(proxy, "https://evil.example").status()).as("Origin https://evil.example").isEqualTo(403);
    }

    @Test
    @DisplayName("Chromium -> the echo page through nginx over https://: its own origin accepted behind the proxy, an echo")
    void pageThroughTheProxy() throws Exception {
        HeadlessChromium.assumeInstalled();
        try (HeadlessChromium chromium = HeadlessChromium.trusting(certificate.spkiSha256Base64())) {
            WebDriver page = chromium.driver();
            page.get("https://127.0.0.1:" + proxy.port() + "/");
            // The browser's Origin is https://127.0.0.1:PORT, nginx's; the server behind sees that Host too.
            chromium.await().withMessage(() -> "the page's state: " + page.findElement(By.id("state")).getText())
                    .until(driver -> "open".equals(driver.findElement(By.id("state")).getDomAttribute("data-state")));
            page.findElement(By.id("text")).sendKeys("through nginx");
            page.findElement(By.id("send")).click();
            chromium.await().withMessage(() -> "the echo")
                    .until(driver -> driver.findElements(By.cssSelector("#log li.received .text")).stream()
                            .anyMatch(line -> line.getText().equals("through nginx")));
            page.findElement(By.id("close")).click();
        }
    }

    @Test
    @DisplayName("without the Host line nginx sends the backend's address as Host, and the page's own origin gets 403")
    void withoutForwardingHostThePagesOwnOriginIsRefused() throws Exception {
        // nginx's default is Host: $proxy_host, the address in proxy_pass: the backend's, not the page's.
        try (NginxProxy plain = NginxProxy.start(certificate, backend.localAddress(), Map.of(NginxProxy.FORWARD_HOST, ""))) {
            assertThat(upgradeThrough(plain, "https://127.0.0.1:" + plain.port()).status()).isEqualTo(403);
        }
    }

    @Test
    @DisplayName("with Host $host nginx drops the port, and a page on any port but 443 gets 403 for its own origin")
    void hostWithoutThePortIsRefusedOffPort443() throws Exception {
        // $host is the host name alone; the check reads "127.0.0.1" as port 443 for https://.
        try (NginxProxy portless = NginxProxy.start(certificate, backend.localAddress(),
                Map.of(NginxProxy.FORWARD_HOST, "proxy_set_header Host $host;"))) {
            assertThat(upgradeThrough(portless, "https://127.0.0.1:" + portless.port()).status()).isEqualTo(403);
        }
    }

    /** An upgrade request to /echo through the proxy over TLS, as a page with this origin sends it. */
    private HttpResponse upgradeThrough(NginxProxy nginx, String origin) throws Exception {
        try (WireClient client = WireClient.connectTls(new InetSocketAddress("127.0.0.1", nginx.port()),
                certificate.trustingContext(), "127.0.0.1")) {
            return client.exchange(client.upgradeRequest().withHeader("Origin", origin));
        }
    }
}
