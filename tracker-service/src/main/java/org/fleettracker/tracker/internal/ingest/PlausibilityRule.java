package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.IngestSettings;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Optional;

/**
 * Compares a fix with the vehicle's nearest earlier accepted fix: an impossible implied speed flags it {@link
 * PositionFlag#OUTLIER}; the same coordinates with a poor or unknown accuracy flag it {@link
 * PositionFlag#LOW_CONFIDENCE}.
 */
final class PlausibilityRule {

    /** Mean earth radius (IUGG), in metres. */
    static final double EARTH_RADIUS_M = 6_371_008.8;

    private final double maxImpliedSpeedKmh;
    private final double lowConfidenceAccuracyM;
    private final double maxAccuracySlackM;

    PlausibilityRule(IngestSettings settings) {
        this.maxImpliedSpeedKmh = settings.maxImpliedSpeedKmh();
        this.lowConfidenceAccuracyM = settings.lowConfidenceAccuracyM();
        this.maxAccuracySlackM = settings.maxAccuracySlackM();
    }

    /** Returns whether a vehicle can get from {@code from} to {@code to} within the implied speed limit. */
    boolean plausibleMove(Telemetry from, Telemetry to) {
        return impliedSpeedKmh(from, to, maxAccuracySlackM) <= maxImpliedSpeedKmh;
    }

    /** Returns the flag for {@code fix}, or empty; {@code previous} null means the vehicle has no earlier fix. */
    Optional<PositionFlag> check(Telemetry fix, @Nullable Telemetry previous) {
        if (previous == null) {
            return Optional.empty();
        }
        if (!plausibleMove(previous, fix)) {
            return Optional.of(PositionFlag.OUTLIER);
        }
        boolean samePlace =
                fix.latitudeDeg() == previous.latitudeDeg() && fix.longitudeDeg() == previous.longitudeDeg();
        Double accuracyM = fix.accuracyM();
        if (samePlace && (accuracyM == null || accuracyM >= lowConfidenceAccuracyM)) {
            return Optional.of(PositionFlag.LOW_CONFIDENCE);
        }
        return Optional.empty();
    }

    /**
     * Returns max(0, distance - accuracy a - accuracy b) / max(time between, 1 s), in km/h; an unknown accuracy
     * counts as 0, and each accuracy counts at most {@code maxAccuracySlackM}.
     */
    static double impliedSpeedKmh(Telemetry a, Telemetry b, double maxAccuracySlackM) {
        double distanceM = distanceM(a.latitudeDeg(), a.longitudeDeg(), b.latitudeDeg(), b.longitudeDeg());
        double slackM =
                Math.min(orZero(a.accuracyM()), maxAccuracySlackM) + Math.min(orZero(b.accuracyM()), maxAccuracySlackM);
        double seconds =
                Math.max(Duration.between(a.fixTime(), b.fixTime()).abs().toNanos() / 1e9, 1.0);
        return Math.max(0, distanceM - slackM) / seconds * 3.6;
    }

    /** Great-circle distance by the haversine formula, in metres. */
    static double distanceM(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
        double dLat = Math.toRadians(lat2Deg - lat1Deg);
        double dLon = Math.toRadians(lon2Deg - lon1Deg);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1Deg))
                        * Math.cos(Math.toRadians(lat2Deg))
                        * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static double orZero(@Nullable Double value) {
        return value == null ? 0 : value;
    }
}
