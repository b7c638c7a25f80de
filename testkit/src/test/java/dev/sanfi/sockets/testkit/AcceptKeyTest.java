package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptKeyTest {

    @Test
    void rfcSampleKeyGivesRfcSampleAccept() {
        // RFC 6455 §1.3 and §4.2.2.
        assertThat(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(AcceptKey.of(HandshakeRequest.SAMPLE_KEY)).isEqualTo(HandshakeRequest.SAMPLE_ACCEPT);
    }
}
