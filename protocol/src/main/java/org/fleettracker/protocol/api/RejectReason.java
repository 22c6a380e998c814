package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Reason code of a rejected input; {@link #code()} is the value on the wire and in metrics. */
public enum RejectReason {
    /** The payload is larger than {@link TelemetryCodec#MAX_PAYLOAD_BYTES}. */
    PAYLOAD_TOO_LARGE,
    /** The payload is empty, not UTF-8, not JSON, or not a JSON object. */
    MALFORMED_JSON,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type or format, such as a number sent as a string. */
    INVALID_FIELD,
    /** A number is outside its allowed range, or not finite. */
    OUT_OF_RANGE,
    /** The vehicle id in the payload differs from the one in the topic. */
    VEHICLE_ID_MISMATCH,
    /** The topic is not one of the contract's, or an id in it is invalid. */
    INVALID_TOPIC,
    /** The vehicle id is already registered in another fleet than the one in the topic. */
    FLEET_MISMATCH,
    /** A presence payload is neither {@code online} nor {@code offline}. */
    INVALID_PRESENCE,
    /**
     * The vehicle reported that it has no GPS fix, or sent latitude and longitude both 0; recorded, never stored as
     * a position.
     */
    NO_FIX,
    /** The fix time lies further ahead of the tracker's clock than the configured tolerance. */
    FIX_TIME_IN_FUTURE,
    /** The fix time is older than the configured maximum age, including the Unix epoch itself. */
    FIX_TIME_TOO_OLD,
    /** A message on a third-party topic, such as OwnTracks, whose user and device map to no vehicle. */
    UNKNOWN_DEVICE,
    /** A command ack names a command that the tracker does not have, or whose state the ack cannot follow. */
    UNKNOWN_COMMAND;

    /** Returns the lower-case wire code, such as {@code malformed_json}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Finds the reason with wire code {@code code}. */
    public static Optional<RejectReason> fromCode(String code) {
        for (RejectReason reason : values()) {
            if (reason.code().equals(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
