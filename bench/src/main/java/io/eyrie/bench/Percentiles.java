package io.eyrie.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a full sample of durations in nanoseconds, reported in milliseconds. */
final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    static Percentiles of(Collection<Long> nanos) {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return new Percentiles(values);
    }

    int count() {
        return sorted.length;
    }

    /** The smallest value with at least {@code percent}% of the sample at or below it; NaN for an empty sample. */
    double millis(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }

    double p50() {
        return millis(50);
    }

    double p99() {
        return millis(99);
    }

    /** How many values are greater than {@code millis}. */
    int countAbove(double millis) {
        long limit = (long) (millis * 1e6);
        int count = 0;
        for (int i = sorted.length - 1; i >= 0 && sorted[i] > limit; i--) {
            count++;
        }
        return count;
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }
}
