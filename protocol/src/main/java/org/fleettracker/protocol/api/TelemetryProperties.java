package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * MQTT 5 user properties that a vehicle may add to a telemetry PUBLISH. They are optional: the tracker stores and
 * validates the payload alone, and reads the properties only for its meters.
 */
public final class TelemetryProperties {

    /**
     * When the vehicle handed the PUBLISH to its MQTT client, as an ISO-8601 instant in UTC such as {@code
     * 2026-12-04T09:15:30.123456Z}; set again on each resend. The tracker measures its publish-to-commit and
     * publish-to-state latencies from it, so the vehicle's clock must be synchronized with the tracker's.
     */
    public static final String SENT_TIME = "sent-time";

    private TelemetryProperties() {}

    /** Returns the value of {@link #SENT_TIME} for {@code time}. */
    public static String formatSentTime(Instant time) {
        return time.toString();
    }

    /** Returns the time of a {@link #SENT_TIME} value, or empty when it is missing or not an ISO-8601 instant. */
    public static Optional<Instant> parseSentTime(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
