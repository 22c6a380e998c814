package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The rules that only telemetry fields follow: the no-fix flag and 0,0, a fix time as text or epoch number, the
 * speed unit and a heading of 360. {@link TelemetryCodec} applies them; {@code docs/topics.md} lists them.
 */
final class FixFields {

    /** A numeric fix time below this is in epoch seconds, from this on in epoch milliseconds (year 1973 or 5138). */
    static final double EPOCH_MILLIS_FROM = 100_000_000_000d;

    private static final BigDecimal MAX_EPOCH_SECOND = BigDecimal.valueOf(Instant.MAX.getEpochSecond());

    private FixFields() {}

    /** Rejects with {@link RejectReason#NO_FIX} when the optional {@code fixValid} is false. */
    static void requireFixValid(JsonNode root) {
        if (Boolean.FALSE.equals(JsonFields.optionalBoolean(root, "fixValid"))) {
            throw new InvalidPayloadException(RejectReason.NO_FIX, "fixValid false: the vehicle has no GPS fix");
        }
    }

    /** Rejects 0,0 with {@link RejectReason#NO_FIX}: receivers report it when they have no position. */
    static void requireNotZeroZero(double latitudeDeg, double longitudeDeg) {
        if (latitudeDeg == 0 && longitudeDeg == 0) {
            throw new InvalidPayloadException(
                    RejectReason.NO_FIX, "latitudeDeg 0 and longitudeDeg 0 mean the vehicle has no GPS fix");
        }
    }

    static Instant fixTime(JsonNode root) {
        JsonNode node = JsonFields.required(root, "fixTime");
        if (node.isNumber()) {
            return epoch(node);
        }
        if (!node.isTextual()) {
            throw JsonFields.invalid("fixTime must be an ISO-8601 string with offset or an epoch number, got "
                    + JsonFields.describe(node));
        }
        return text(node.asText());
    }

    /** Reads {@code speedKmh} in the unit that {@code speedUnit} names and converts it to km/h. */
    static double speedKmh(JsonNode root) {
        double value = JsonFields.requiredNumber(root, "speedKmh");
        @Nullable String code = JsonFields.optionalText(root, "speedUnit");
        SpeedUnit unit = code == null
                ? SpeedUnit.KILOMETRES_PER_HOUR
                : SpeedUnit.fromCode(code)
                        .orElseThrow(() -> JsonFields.invalid(
                                "speedUnit '" + JsonFields.truncate(code) + "' is not one of " + SpeedUnit.codes()));
        if (unit == SpeedUnit.KILOMETRES_PER_HOUR) {
            // The Telemetry constructor checks the range, with the usual detail.
            return value;
        }
        double kmh = unit.toKmh(value);
        if (!(kmh >= 0 && kmh <= Telemetry.MAX_SPEED_KMH)) {
            throw new InvalidPayloadException(
                    RejectReason.OUT_OF_RANGE,
                    "speedKmh " + Ranges.format(value) + " " + unit.code() + " is " + Ranges.format(kmh)
                            + " km/h, out of range [0, " + Ranges.format(Telemetry.MAX_SPEED_KMH) + "]");
        }
        return kmh;
    }

    /** Reads {@code headingDeg}, where exactly 360 means north and becomes 0. */
    static double headingDeg(JsonNode root) {
        double value = JsonFields.requiredNumber(root, "headingDeg");
        return value == 360 ? 0 : value;
    }

    private static Instant epoch(JsonNode node) {
        double value = node.doubleValue();
        if (!Double.isFinite(value) || value < 0) {
            throw new InvalidPayloadException(
                    RejectReason.OUT_OF_RANGE,
                    "fixTime " + node.asText() + (value < 0 ? " is negative" : " is not finite"));
        }
        BigDecimal seconds = value < EPOCH_MILLIS_FROM
                ? node.decimalValue()
                : node.decimalValue().movePointLeft(3);
        if (seconds.compareTo(MAX_EPOCH_SECOND) >= 0) {
            throw new InvalidPayloadException(
                    RejectReason.OUT_OF_RANGE, "fixTime " + node.asText() + " is later than any time Java can hold");
        }
        long wholeSeconds = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(wholeSeconds))
                .movePointRight(9)
                .setScale(0, RoundingMode.HALF_UP)
                .longValue();
        return Instant.ofEpochSecond(wholeSeconds, nanos);
    }

    private static Instant text(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            String quoted = "fixTime '" + JsonFields.truncate(text) + "'";
            if (hasNoOffset(text)) {
                throw JsonFields.invalid(quoted + " has no offset; add Z or +hh:mm");
            }
            Throwable cause = e.getCause();
            throw JsonFields.invalid(
                    quoted + " is not an ISO-8601 time with offset" + (cause == null ? "" : ": " + cause.getMessage()));
        }
    }

    private static boolean hasNoOffset(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
