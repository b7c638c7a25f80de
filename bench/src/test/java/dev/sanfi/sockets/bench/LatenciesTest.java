package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRank() {
        Latencies latencies = new Latencies();
        for (int i = 100; i >= 1; i--) { // out of order on purpose
            latencies.add(i);
        }

        assertThat(latencies.percentile(50)).isEqualTo(50);
        assertThat(latencies.percentile(7)).isEqualTo(7);
        assertThat(latencies.percentile(99)).isEqualTo(99);
        assertThat(latencies.percentile(99.5)).isEqualTo(100);
        assertThat(latencies.percentile(0.1)).isEqualTo(1);
        assertThat(latencies.max()).isEqualTo(100);
    }

    @Test
    void aFewValuesAndTheWikipediaExample() {
        Latencies latencies = new Latencies();
        for (long value : new long[] {15, 20, 35, 40, 50}) {
            latencies.add(value);
        }

        assertThat(latencies.percentile(5)).isEqualTo(15);
        assertThat(latencies.percentile(30)).isEqualTo(20);
        assertThat(latencies.percentile(40)).isEqualTo(20);
        assertThat(latencies.percentile(50)).isEqualTo(35);
        assertThat(latencies.percentile(100)).isEqualTo(50);
    }

    @Test
    void itGrowsAndKeepsEveryValue() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 200_000; i++) {
            latencies.add(i);
        }
        latencies.percentile(50);
        latencies.add(-1);

        assertThat(latencies.count()).isEqualTo(200_001);
        assertThat(latencies.percentile(0.0001)).isEqualTo(-1);
        assertThat(latencies.max()).isEqualTo(199_999);
    }

    @Test
    void noValuesIsZeroAndABadPercentIsRefused() {
        assertThat(new Latencies().percentile(99)).isZero();
        assertThatThrownBy(() -> new Latencies().percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Latencies().percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChatMessageCarriesTheTimeItWasSent() {
        byte[] event = "{\"type\":\"message\",\"seq\":7,\"from\":\"bench0\",\"text\":\"t-123456789\",\"at\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"type\":\"message\",\"seq\":7,\"from\":\"a\",\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(ChatLoad.sentAt(event, 0, event.length)).isEqualTo(-123456789L);
        assertThat(ChatLoad.sentAt(other, 0, other.length)).isZero();
    }
}
