package org.fleettracker.simulator.bench;

import java.util.Arrays;

/**
 * Times of every fix of one vehicle, indexed by seq: when it was last handed to the MQTT client, when the broker
 * acknowledged it, and when the tracker stored it. A time of 0 means the event did not happen.
 *
 * <p>The vehicle's link writes the publish and acknowledgement times on its serial executor. The stored times are
 * written after the run, when nothing publishes any more, so the log needs no locking.
 */
final class FixLog {

    private static final int INITIAL_CAPACITY = 1_024;

    private final long firstSeq;
    private long[] publishMicros = new long[INITIAL_CAPACITY];
    private long[] ackMicros = new long[INITIAL_CAPACITY];
    private long[] storedMicros = new long[INITIAL_CAPACITY];

    FixLog(long firstSeq) {
        this.firstSeq = firstSeq;
    }

    void published(long seq, long micros) {
        int index = index(seq);
        ensureCapacity(index);
        publishMicros[index] = micros;
    }

    void acknowledged(long seq, long micros) {
        int index = index(seq);
        ensureCapacity(index);
        ackMicros[index] = micros;
    }

    /** Records the tracker's stored time; returns false when the seq was never published by this run. */
    boolean stored(long seq, long micros) {
        int index = index(seq);
        if (index < 0 || index >= publishMicros.length || publishMicros[index] == 0) {
            return false;
        }
        storedMicros[index] = micros;
        return true;
    }

    long publishMicros(long seq) {
        return read(publishMicros, seq);
    }

    long ackMicros(long seq) {
        return read(ackMicros, seq);
    }

    long storedMicros(long seq) {
        return read(storedMicros, seq);
    }

    private long read(long[] times, long seq) {
        int index = index(seq);
        return index >= 0 && index < times.length ? times[index] : 0;
    }

    private int index(long seq) {
        return Math.toIntExact(seq - firstSeq);
    }

    private void ensureCapacity(int index) {
        if (index < publishMicros.length) {
            return;
        }
        int capacity = Math.max(index + 1, publishMicros.length * 2);
        publishMicros = Arrays.copyOf(publishMicros, capacity);
        ackMicros = Arrays.copyOf(ackMicros, capacity);
        storedMicros = Arrays.copyOf(storedMicros, capacity);
    }
}
