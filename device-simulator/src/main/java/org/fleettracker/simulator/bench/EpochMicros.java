package org.fleettracker.simulator.bench;

import java.time.Instant;

/** Wall-clock times as microseconds since the epoch, comparable between the bench and the tracker process. */
final class EpochMicros {

    private EpochMicros() {}

    static long now() {
        return of(Instant.now());
    }

    static long of(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
