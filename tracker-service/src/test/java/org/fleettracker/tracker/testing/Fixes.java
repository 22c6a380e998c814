package org.fleettracker.tracker.testing;

import org.fleettracker.protocol.api.Telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Small tracks of fixes for tests. */
public final class Fixes {

    /**
     * Fix time of the first fix of every track: one day before the test run, in whole hours. Tracks of up to 86,000
     * one-second fixes then pass the ingest time window (at most 30 days old, at most 5 minutes ahead).
     */
    public static final Instant START =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.DAYS);

    private Fixes() {}

    /**
     * Returns {@code count} fixes one second apart, driving north-east from 52.5 N 13.4 E at 36 km/h, with seq
     * numbers from {@code firstSeq} up.
     */
    public static List<Telemetry> track(String vehicleId, long firstSeq, int count) {
        List<Telemetry> fixes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fixes.add(fix(vehicleId, firstSeq + i, START.plusSeconds(i), 52.5 + i * 0.0001, 13.4 + i * 0.00015));
        }
        return fixes;
    }

    /** Returns one fix with every optional field set. */
    public static Telemetry fix(String vehicleId, long seq, Instant fixTime, double latitudeDeg, double longitudeDeg) {
        return new Telemetry(
                vehicleId,
                seq,
                fixTime,
                latitudeDeg,
                longitudeDeg,
                36.0,
                45.0,
                40.0,
                5.0,
                1_000.0 + seq,
                true,
                80.0,
                null);
    }
}
