package dev.sanfi.sockets.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The latencies of a run, in nanoseconds, in an HdrHistogram: three significant digits (a value is
 * kept to within 0.1 %), in the same few hundred KiB whether the run has a thousand echoes or a
 * hundred million. A latency over a minute counts as a minute (and a negative one, which a clock
 * that goes back could make, as zero).
 */
final class Latencies {

    static final long LONGEST = TimeUnit.MINUTES.toNanos(1);

    private final Histogram histogram = new Histogram(LONGEST, 3);

    void add(long nanos) {
        histogram.recordValue(Math.max(0, Math.min(nanos, LONGEST)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The value at {@code percent} ({@code 0 < percent <= 100}), to three digits; 0 when there are no values. */
    long percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        return histogram.getValueAtPercentile(percent);
    }

    /** The largest value, to three digits. */
    long max() {
        return histogram.getMaxValue();
    }
}
