package org.fleettracker.simulator.bench;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of one measure, in milliseconds, from an HdrHistogram of microseconds with 3 significant
 * digits.
 *
 * @param count the number of samples; the percentiles are 0 without any
 */
record Percentiles(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    /** Largest latency the histograms record, in microseconds (one hour); a larger sample is recorded as this. */
    static final long MAX_TRACKABLE_MICROS = 3_600_000_000L;

    static Histogram newHistogram() {
        return new Histogram(MAX_TRACKABLE_MICROS, 3);
    }

    /** Records {@code toMicros - fromMicros}; a negative difference, from clock granularity, counts as 0. */
    static void record(Histogram histogram, long fromMicros, long toMicros) {
        histogram.recordValue(Math.min(MAX_TRACKABLE_MICROS, Math.max(0, toMicros - fromMicros)));
    }

    static Percentiles of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(
                histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1_000.0,
                histogram.getValueAtPercentile(95) / 1_000.0,
                histogram.getValueAtPercentile(99) / 1_000.0,
                histogram.getMaxValue() / 1_000.0);
    }
}
