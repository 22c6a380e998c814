package org.fleettracker.protocol.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One decoded payload of the OwnTracks app; see {@link OwnTracksCodec}. */
public sealed interface OwnTracksMessage {

    /** A {@code _type} {@code location}, as a fix of the vehicle that the device maps to. */
    record Location(Telemetry fix) implements OwnTracksMessage {}

    /** A {@code _type} {@code lwt}: the broker published the app's will, so the phone lost its connection. */
    record Lwt() implements OwnTracksMessage {}

    /**
     * A {@code _type} {@code transition}: the phone entered or left one of its regions.
     *
     * @param entered true for {@code event} {@code enter}, false for {@code leave}
     * @param time the {@code tst} of the transition
     * @param regionName the region's {@code desc}, or null
     * @param regionId the region's {@code rid}, or null
     * @param trigger the {@code t} field, such as {@code c} for a circular region or {@code b} for a beacon, or null
     */
    record Transition(
            boolean entered,
            Instant time,
            @Nullable String regionName,
            @Nullable String regionId,
            @Nullable Double latitudeDeg,
            @Nullable Double longitudeDeg,
            @Nullable Double accuracyM,
            @Nullable String trigger)
            implements OwnTracksMessage {}

    /** A valid JSON object with another {@code _type}, such as {@code card} or {@code waypoint}: nothing to do. */
    record Other(String type) implements OwnTracksMessage {}

    /** A payload that breaks the OwnTracks format; {@code detail} names the field and value at fault. */
    record Rejected(RejectReason reason, String detail) implements OwnTracksMessage {}
}
