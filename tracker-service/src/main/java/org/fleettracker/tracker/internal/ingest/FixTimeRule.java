package org.fleettracker.tracker.internal.ingest;

import org.fleettracker.protocol.api.RejectReason;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.IngestSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
        Optional<Outcome.Rejected> rejected = checkTime("fixTime", time, receivedTime);
        if (rejected.isEmpty()) {
            return new Outcome.Accepted(fix, false);
        }
        boolean tooOld = rejected.get().reason() == RejectReason.FIX_TIME_TOO_OLD;
        Instant rolledOver = time.plus(GPS_WEEK_ROLLOVER);
        if (tooOld
                && !time.equals(Instant.EPOCH)
                && checkTime("fixTime", rolledOver, receivedTime).isEmpty()) {
            return new Outcome.Accepted(fix.withFixTime(rolledOver), true);
        }
        return rejected.get();
    }

    /**
     * Checks a time against the window without a rollover correction, as for an event's time. Returns the reject of
     * epoch 0 or of a time outside the window, else empty. {@code field} names the time in the detail.
     */
    Optional<Outcome.Rejected> checkTime(String field, Instant time, Instant receivedTime) {
        if (time.equals(Instant.EPOCH)) {
            return Optional.of(new Outcome.Rejected(
                    RejectReason.FIX_TIME_TOO_OLD,
                    field + " is 1970-01-01T00:00:00Z (Unix epoch 0): the device clock is not set"));
        }
        if (time.isAfter(receivedTime.plus(maxAhead))) {
            return Optional.of(new Outcome.Rejected(
                    RejectReason.FIX_TIME_IN_FUTURE,
                    field + " " + time + " is more than " + limitText(maxAhead)
                            + " (ingest.max-fix-time-ahead) after the receive time " + receivedTime));
        }
        if (time.isBefore(receivedTime.minus(maxAge))) {
            return Optional.of(new Outcome.Rejected(
                    RejectReason.FIX_TIME_TOO_OLD,
                    field + " " + time + " is more than " + limitText(maxAge)
                            + " (ingest.max-fix-age) before the receive time " + receivedTime));
        }
        return Optional.empty();
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
}
