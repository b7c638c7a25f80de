package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.RequestRules;
import dev.sanfi.sockets.netty.WireBytes;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestCheckTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestCheck(
            OriginPolicy.allowing(List.of("http://localhost:3000"))));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static FullHttpRequest upgrade() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/echo");
        request.headers()
                .set("Host", "localhost:8084")
                .set("Upgrade", "websocket")
                .set("Connection", "keep-alive, Upgrade")
                .set("Sec-WebSocket-Key", WireBytes.SAMPLE_KEY)
                .set("Sec-WebSocket-Version", "13");
        return request;
    }

    private FullHttpResponse answer(FullHttpRequest request) {
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("a response").isNotNull();
        return response;
    }

    private static String body(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    @Test
    @DisplayName("a valid upgrade request is passed on, and the check leaves the pipeline")
    void passesAValidUpgradeOn() {
        channel.writeInbound(upgrade());

        FullHttpRequest passed = channel.readInbound();
        assertThat(passed.uri()).isEqualTo("/echo");
        passed.release();
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.pipeline().get(RequestCheck.class)).isNull();
    }

    @ParameterizedTest(name = "{0} /")
    @ValueSource(strings = {"GET", "HEAD"})
    @DisplayName("GET / and HEAD / go on to the page handler; the check stays for the next request")
    void passesPageRequestsOn(String method) {
        channel.writeInbound(withHost(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), "/")));

        FullHttpRequest passed = channel.readInbound();
        assertThat(passed.method().name()).isEqualTo(method);
        passed.release();
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.pipeline().get(RequestCheck.class)).isNotNull();
    }

    @Test
    @DisplayName("RFC 9110 §15.5.6: POST / is 405 with Allow: GET, HEAD")
    void pageOnlyForGetAndHead() {
        FullHttpResponse response = answer(withHost(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/")));

        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD");
        response.release();
    }

    @Test
    @DisplayName("RFC 9112 §3.2: an HTTP/1.1 request without Host is 400")
    void missingHostIs400() {
        FullHttpRequest request = upgrade();
        request.headers().remove("Host");

        assertThat(answer(request).status().code()).isEqualTo(400);
    }

    @Test
    @DisplayName("a refusal is complete: status and phrase, one-line body, Content-Length, Connection: close, then closed")
    void refusalIsComplete() {
        FullHttpResponse response = answer(withHost(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/nope")));

        assertThat(response.status().code()).isEqualTo(404);
        assertThat(response.status().reasonPhrase()).isEqualTo("Not Found");
        assertThat(response.headers().get("Content-Type")).isEqualTo(RequestRules.REFUSAL_CONTENT_TYPE);
        assertThat(response.headers().get("Connection")).isEqualTo("close");
        assertThat(response.headers().getInt("Content-Length")).isEqualTo(response.content().readableBytes());
        assertThat(body(response)).contains("/nope").endsWith("\n").doesNotContain("\r");
        assertThat(channel.isOpen()).isFalse();
    }

    private static FullHttpRequest withHost(FullHttpRequest request) {
        request.headers().set("Host", "localhost:8084");
        return request;
    }

    @Test
    @DisplayName("another path is 404, and the connection is closed")
    void otherPathIs404() {
        FullHttpResponse response = answer(withHost(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/nope")));

        assertThat(response.status().code()).isEqualTo(404);
        assertThat(body(response)).contains("/nope");
        assertThat(channel.isOpen()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "DELETE", "HEAD"})
    @DisplayName("RFC 6455 §4.2.1: an upgrade that is not a GET is 400")
    void wrongMethodIs400(String method) {
        FullHttpRequest request = upgrade();
        request.setMethod(HttpMethod.valueOf(method));

        FullHttpResponse response = answer(request);

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(body(response)).contains("GET");
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: an HTTP/1.0 upgrade is 400")
    void http10Is400() {
        FullHttpRequest request = upgrade();
        request.setProtocolVersion(HttpVersion.HTTP_1_0);

        assertThat(answer(request).status().code()).isEqualTo(400);
    }

    @Test
    @DisplayName("GET /echo without Upgrade is 426 naming websocket")
    void noUpgradeIs426() {
        FullHttpRequest request = upgrade();
        request.headers().remove("Upgrade");

        FullHttpResponse response = answer(request);

        assertThat(response.status().code()).isEqualTo(426);
        assertThat(response.headers().get("Upgrade")).isEqualTo("websocket");
        response.release();
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: no 'upgrade' token in Connection is 400")
    void noConnectionUpgradeIs400() {
        FullHttpRequest request = upgrade();
        request.headers().set("Connection", "keep-alive");

        assertThat(answer(request).status().code()).isEqualTo(400);
    }

    @ParameterizedTest(name = "version \"{0}\"")
    @ValueSource(strings = {"8", "12", "14", ""})
    @DisplayName("RFC 6455 §4.4: another version is 426 with Sec-WebSocket-Version: 13")
    void otherVersionIs426(String version) {
        FullHttpRequest request = upgrade();
        request.headers().set("Sec-WebSocket-Version", version);

        FullHttpResponse response = answer(request);

        assertThat(response.status().code()).isEqualTo(426);
        assertThat(response.headers().get("Sec-WebSocket-Version")).isEqualTo("13");
        response.release();
    }

    @ParameterizedTest(name = "key \"{0}\"")
    @ValueSource(strings = {"", "not base64!", "c2hvcnQ=", "dGhlIHNhbXBsZSBub25jZSBpcyB0b28gbG9uZw=="})
    @DisplayName("RFC 6455 §4.2.1: a key that is not 16 bytes in base64 is 400")
    void badKeyIs400(String key) {
        FullHttpRequest request = upgrade();
        request.headers().set("Sec-WebSocket-Key", key);

        assertThat(answer(request).status().code()).isEqualTo(400);
    }

    @Test
    @DisplayName("a missing key is 400")
    void missingKeyIs400() {
        FullHttpRequest request = upgrade();
        request.headers().remove("Sec-WebSocket-Key");

        assertThat(answer(request).status().code()).isEqualTo(400);
    }

    @Test
    @DisplayName("RFC 6455 §10.2: a foreign Origin is 403")
    void foreignOriginIs403() {
        FullHttpRequest request = upgrade();
        request.headers().set("Origin", "http://evil.example");

        FullHttpResponse response = answer(request);

        assertThat(response.status().code()).isEqualTo(403);
        assertThat(body(response)).contains("http://evil.example");
    }

    @ParameterizedTest(name = "Origin {0}")
    @ValueSource(strings = {"http://localhost:8084", "http://localhost:3000"})
    @DisplayName("the server's own origin and a listed one are allowed")
    void ownAndListedOriginsPass(String origin) {
        FullHttpRequest request = upgrade();
        request.headers().set("Origin", origin);

        channel.writeInbound(request);

        FullHttpRequest passed = channel.readInbound();
        assertThat(passed).isNotNull();
        passed.release();
    }

    @Test
    @DisplayName("a request head over the limit is 431")
    void headTooLargeIs431() {
        FullHttpRequest request = upgrade();
        request.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("too long")));

        assertThat(answer(request).status().code()).isEqualTo(431);
        assertThat(channel.isOpen()).isFalse();
    }
}
