package org.fleettracker.console.internal.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent speeds of every vehicle, for the speed chart of the vehicle details.
 *
 * <p>Per vehicle it keeps samples in fix-time order, at least {@code minSpacing} apart, none older than
 * {@code window} before the vehicle's newest sample, and at most {@code maxSamples}. The spacing bounds the memory
 * when thousands of vehicles report every second: samples arriving closer than that to the previous kept one are
 * dropped. Not thread safe: only the FX thread (or a test) uses it.
 */
public final class SpeedHistory {

    private final Duration window;
    private final long minSpacingMs;
    private final int maxSamples;
    private final Map<String, Samples> byVehicle = new HashMap<>();

    public SpeedHistory(Duration window, Duration minSpacing, int maxSamples) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("speed history window must be positive, got " + window);
        }
        if (minSpacing.isNegative()) {
            throw new IllegalArgumentException("speed sample spacing must not be negative, got " + minSpacing);
        }
        if (maxSamples < 1) {
            throw new IllegalArgumentException("speed history must keep at least 1 sample, got " + maxSamples);
        }
        this.window = window;
        this.minSpacingMs = minSpacing.toMillis();
        this.maxSamples = maxSamples;
    }

    /**
     * Adds a sample when it is at least the minimum spacing after the vehicle's newest one; returns whether it was
     * kept. A sample with an earlier fix time is dropped, so use {@link #merge} for older positions.
     */
    public boolean add(String vehicleId, Instant fixTime, double speedKmh) {
        Samples samples = byVehicle.computeIfAbsent(vehicleId, id -> new Samples());
        return samples.append(fixTime.toEpochMilli(), speedKmh);
    }

    /** Merges samples of any age, such as positions read from the tracker's history, into the vehicle's samples. */
    public void merge(String vehicleId, List<SpeedSample> older) {
        if (older.isEmpty()) {
            return;
        }
        List<SpeedSample> all = new ArrayList<>(samples(vehicleId, Instant.EPOCH));
        all.addAll(older);
        all.sort(Comparator.comparing(SpeedSample::fixTime));
        Samples rebuilt = new Samples();
        all.forEach(sample -> rebuilt.append(sample.fixTime().toEpochMilli(), sample.speedKmh()));
        Samples previous = byVehicle.put(vehicleId, rebuilt);
        rebuilt.revision = previous == null ? 1 : previous.revision + 1;
    }

    /** Returns the vehicle's samples with {@code fixTime >= since}, oldest first; empty for an unknown vehicle. */
    public List<SpeedSample> samples(String vehicleId, Instant since) {
        Samples samples = byVehicle.get(vehicleId);
        return samples == null ? List.of() : samples.since(since.toEpochMilli());
    }

    /** Returns a number that grows whenever the vehicle's samples change, so a chart can tell when to redraw. */
    public long revision(String vehicleId) {
        Samples samples = byVehicle.get(vehicleId);
        return samples == null ? 0 : samples.revision;
    }

    /** Returns how many samples are kept for the vehicle. */
    public int size(String vehicleId) {
        Samples samples = byVehicle.get(vehicleId);
        return samples == null ? 0 : samples.size;
    }

    /**
     * One vehicle's samples in a ring buffer of primitive arrays, which grow up to {@code maxSamples}. At 16 bytes
     * per sample, 5,000 vehicles with 360 samples each need an estimated 29 MB.
     */
    private final class Samples {

        private long[] epochMs = new long[16];
        private double[] speedKmh = new double[16];
        private int head;
        private int size;
        private long revision;

        boolean append(long fixEpochMs, double speed) {
            if (size > 0 && fixEpochMs < newestEpochMs() + Math.max(1, minSpacingMs)) {
                return false;
            }
            if (size == epochMs.length && size < maxSamples) {
                grow();
            }
            if (size == epochMs.length) {
                head = (head + 1) % epochMs.length;
                size--;
            }
            int tail = (head + size) % epochMs.length;
            epochMs[tail] = fixEpochMs;
            speedKmh[tail] = speed;
            size++;
            dropOlderThan(fixEpochMs - window.toMillis());
            revision++;
            return true;
        }

        private long newestEpochMs() {
            return epochMs[(head + size - 1) % epochMs.length];
        }

        private void grow() {
            int capacity = Math.min(maxSamples, epochMs.length * 2);
            long[] grownTimes = new long[capacity];
            double[] grownSpeeds = new double[capacity];
            for (int i = 0; i < size; i++) {
                grownTimes[i] = epochMs[(head + i) % epochMs.length];
                grownSpeeds[i] = speedKmh[(head + i) % epochMs.length];
            }
            epochMs = grownTimes;
            speedKmh = grownSpeeds;
            head = 0;
        }

        private void dropOlderThan(long oldestKeptEpochMs) {
            while (size > 0 && epochMs[head] < oldestKeptEpochMs) {
                head = (head + 1) % epochMs.length;
                size--;
            }
        }

        List<SpeedSample> since(long sinceEpochMs) {
            List<SpeedSample> result = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int index = (head + i) % epochMs.length;
                if (epochMs[index] >= sinceEpochMs) {
                    result.add(new SpeedSample(Instant.ofEpochMilli(epochMs[index]), speedKmh[index]));
                }
            }
            return result;
        }
    }
}
