package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreExactToThreeDigits() {
        Latencies latencies = new Latencies();
        for (int i = 100; i >= 1; i--) { // 1 to 100 ms, out of order on purpose
            latencies.add(i * 1_000_000L);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentile(50)).isCloseTo(50_000_000L, withinPercentage(0.1));
        assertThat(latencies.percentile(7)).isCloseTo(7_000_000L, withinPercentage(0.1));
        assertThat(latencies.percentile(99)).isCloseTo(99_000_000L, withinPercentage(0.1));
        assertThat(latencies.max()).isCloseTo(100_000_000L, withinPercentage(0.1));
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
    void millionsOfValuesAndValuesOutOfRangeAreKept() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 2_000_000; i++) {
            latencies.add(1_000 + i % 1_000); // 1 to 2 µs
        }
        latencies.add(-5);
        latencies.add(TimeUnit.HOURS.toNanos(1));

        assertThat(latencies.count()).isEqualTo(2_000_002);
        assertThat(latencies.percentile(0.00001)).isZero();
        assertThat(latencies.percentile(50)).isCloseTo(1_500L, withinPercentage(0.1));
        assertThat(latencies.max()).isCloseTo(Latencies.LONGEST, withinPercentage(0.1));
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
