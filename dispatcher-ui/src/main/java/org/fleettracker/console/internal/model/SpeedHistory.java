package org.fleettracker.console.internal.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A vehicle's speed samples within a time span before its newest fix, for the speed charts.
 *
 * <p>Samples may come in any order (states as they arrive, history positions filling a gap); each fix time is kept
 * once, and samples older than the span before the newest one are dropped. Not thread safe.
 */
public final class SpeedHistory {

    private final Duration span;
    private final TreeMap<Instant, SpeedSample> samples = new TreeMap<>();

    public SpeedHistory(Duration span) {
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("speed history span must be positive, got " + span);
        }
        this.span = span;
    }

    /** Adds the samples whose fix time is new and within the span; returns how many were added. */
    public int addAll(List<SpeedSample> newSamples) {
        int added = 0;
        for (SpeedSample sample : newSamples) {
            if (samples.putIfAbsent(sample.fixTime(), sample) == null) {
                added++;
            }
        }
        if (!samples.isEmpty()) {
            Instant oldestKept = samples.lastKey().minus(span);
            samples.headMap(oldestKept).clear();
        }
        return added;
    }

    /** Returns the samples in fix-time order. */
    public List<SpeedSample> samples() {
        return new ArrayList<>(samples.values());
    }

    public int size() {
        return samples.size();
    }
}
