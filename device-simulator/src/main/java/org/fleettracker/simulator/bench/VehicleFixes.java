package org.fleettracker.simulator.bench;

import org.fleettracker.protocol.api.Telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Plausible fixes of one benchmark vehicle: it creeps north by {@link #STEP_DEG} per fix, so the tracker's ingest
 * rules accept every fix (no outlier, no repeated coordinates), and each fix time is at least 1 ms after the
 * previous one. Used by one thread at a time.
 */
final class VehicleFixes {

    /** Northward step per fix in degrees of latitude, about 1 cm; even 1 ms apart that is 40 km/h. */
    private static final double STEP_DEG = 1e-7;

    private static final double SPEED_KMH = 30;

    private static final double ACCURACY_M = 5;

    private final String vehicleId;
    private final double longitudeDeg;
    private double latitudeDeg;
    private long nextSeq;
    private Instant lastFixTime = Instant.EPOCH;

    VehicleFixes(String vehicleId, long firstSeq, double latitudeDeg, double longitudeDeg) {
        this.vehicleId = vehicleId;
        this.nextSeq = firstSeq;
        this.latitudeDeg = latitudeDeg;
        this.longitudeDeg = longitudeDeg;
    }

    /** Returns the seq the next fix will carry. */
    long nextSeq() {
        return nextSeq;
    }

    Telemetry next() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant fixTime = now.isAfter(lastFixTime) ? now : lastFixTime.plusMillis(1);
        lastFixTime = fixTime;
        latitudeDeg += STEP_DEG;
        return new Telemetry(
                vehicleId,
                nextSeq++,
                fixTime,
                latitudeDeg,
                longitudeDeg,
                SPEED_KMH,
                0,
                null,
                ACCURACY_M,
                null,
                true,
                null,
                null);
    }
}
