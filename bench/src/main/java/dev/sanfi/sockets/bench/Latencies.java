package dev.sanfi.sockets.bench;

import java.util.Arrays;

/**
 * Every latency of a run, in nanoseconds, kept exactly (a 10 s run at 200,000 messages a second is
 * 16 MB), and percentiles by the nearest-rank method: the p-th percentile is the smallest value
 * that at least p percent of the values are less than or equal to.
 */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int count;
    private boolean sorted = true;

    void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = nanos;
        sorted = false;
    }

    int count() {
        return count;
    }

    /** The nearest-rank percentile, {@code 0 < percent <= 100}; 0 when there are no values. */
    long percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        if (count == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(values, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(percent * count / 100.0); // 1-based; multiply first, so 7 % of 100 is 7
        return values[Math.max(rank, 1) - 1];
    }

    long max() {
        return percentile(100);
    }
}
