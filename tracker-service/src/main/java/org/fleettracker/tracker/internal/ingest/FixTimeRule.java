package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.IngestSettings;

import java.time.Duration;
import java.time.Instant;

/**
 * The fix time window: a fix time must lie within [received - maxFixAge, received + maxFixTimeAhead]. A fix time
 * that falls in the window once moved forward by 1,024 weeks is corrected, because a GPS receiver reports such
 * times after its week number rolls over.
 */
final class FixTimeRule {

    /** The GPS week number has 10 bits, so an old receiver's dates jump back by this much when it wraps. */
    static final Duration GPS_WEEK_ROLLOVER = Duration.ofDays(7L * 1024);

    private final Duration maxAhead;
    private final Duration maxAge;

    FixTimeRule(IngestSettings settings) {
        this.maxAhead = settings.maxFixTimeAhead();
        this.maxAge = settings.maxFixAge();
    }

    /** Decision of the rule about one fix. */
    sealed interface Outcome {
        /** The fix passes; {@code fix} has the corrected time when {@code corrected}. */
        record Accepted(Telemetry fix, boolean corrected) implements Outcome {}

        record Rejected(RejectReason reason, String detail) implements Outcome {}
    }

    Outcome check(Telemetry fix, Instant receivedTime) {
        Instant time = fix.fixTime();
        if (time.equals(Instant.EPOCH)) {
            return new Outcome.Rejected(
                    RejectReason.FIX_TIME_TOO_OLD,
                    "fixTime is 1970-01-01T00:00:00Z (Unix epoch 0): the device clock is not set");
        }
        Instant latest = receivedTime.plus(maxAhead);
        if (time.isAfter(latest)) {
            return new Outcome.Rejected(
                    RejectReason.FIX_TIME_IN_FUTURE,
                    "fixTime " + time + " is more than " + limitText(maxAhead)
                            + " (ingest.max-fix-time-ahead) after the receive time " + receivedTime);
        }
        Instant earliest = receivedTime.minus(maxAge);
        if (!time.isBefore(earliest)) {
            return new Outcome.Accepted(fix, false);
        }
        Instant rolledOver = time.plus(GPS_WEEK_ROLLOVER);
        if (!rolledOver.isBefore(earliest) && !rolledOver.isAfter(latest)) {
            return new Outcome.Accepted(withFixTime(fix, rolledOver), true);
        }
        return new Outcome.Rejected(
                RejectReason.FIX_TIME_TOO_OLD,
                "fixTime " + time + " is more than " + limitText(maxAge)
                        + " (ingest.max-fix-age) before the receive time " + receivedTime);
    }

    /** Formats a limit as config/tracker.properties writes it ({@code 30d}, {@code 5m}), else as ISO-8601. */
    static String limitText(Duration limit) {
        if (limit.getNano() != 0) {
            return limit.toString();
        }
        long seconds = limit.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static Telemetry withFixTime(Telemetry fix, Instant fixTime) {
        return new Telemetry(
                fix.vehicleId(),
                fix.seq(),
                fixTime,
                fix.latitudeDeg(),
                fix.longitudeDeg(),
                fix.speedKmh(),
                fix.headingDeg(),
                fix.altitudeM(),
                fix.accuracyM(),
                fix.odometerM(),
                fix.ignition(),
                fix.batteryPct());
    }
}
