package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.storage.PositionFlag;
import org.fleettracker.tracker.internal.storage.StoredEvent;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON bodies of the HTTP API; null fields are left out. */
final class ApiResponses {

    private ApiResponses() {}

    /** Body of {@code GET /api/v1/vehicles}: every known state, ordered by fleet id, then vehicle id. */
    record VehicleList(List<VehicleState> vehicles) {}

    /**
     * Body of {@code GET /api/v1/vehicles/{id}/positions}: positions ordered by fix time, then seq.
     *
     * @param nextCursor the {@code after} value for the next page, or null on the last page; always in the JSON
     */
    record PositionList(
            String fleetId,
            String vehicleId,
            List<Position> positions,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor) {}

    /**
     * One stored fix: the fields of {@code Telemetry}, when the tracker received it, and the flags of the ingest
     * rules ({@code time_corrected}, {@code outlier}, {@code low_confidence}; empty when none).
     */
    record Position(
            String vehicleId,
            long seq,
            Instant fixTime,
            double latitudeDeg,
            double longitudeDeg,
            double speedKmh,
            double headingDeg,
            @Nullable Double altitudeM,
            @Nullable Double accuracyM,
            @Nullable Double odometerM,
            @Nullable Boolean ignition,
            @Nullable Double batteryPct,
            Instant receivedTime,
            List<String> flags) {

        static Position of(StoredPosition stored) {
            var fix = stored.fix();
            return new Position(
                    fix.vehicleId(),
                    fix.seq(),
                    fix.fixTime(),
                    fix.latitudeDeg(),
                    fix.longitudeDeg(),
                    fix.speedKmh(),
                    fix.headingDeg(),
                    fix.altitudeM(),
                    fix.accuracyM(),
                    fix.odometerM(),
                    fix.ignition(),
                    fix.batteryPct(),
                    stored.receivedTime(),
                    stored.flags().stream().sorted().map(PositionFlag::code).toList());
        }
    }

    /**
     * One stored event: the fields of {@code FleetEvent}, its fleet, when the tracker raised it, and the
     * acknowledgement of an alert (left out while it is open and for events that are not alerts).
     *
     * @param raisedTime when the tracker stored the event; {@code time} is when the fact happened
     * @param note the dispatcher's note given with the acknowledgement, or null
     */
    record Event(
            String eventId,
            String fleetId,
            @Nullable String vehicleId,
            String type,
            Instant time,
            String severity,
            boolean alert,
            Map<String, String> attributes,
            Instant raisedTime,
            @Nullable String acknowledgedBy,
            @Nullable Instant acknowledgedTime,
            @Nullable String note) {

        static Event of(StoredEvent stored) {
            FleetEvent event = stored.event();
            return new Event(
                    event.eventId(),
                    stored.fleetId(),
                    event.vehicleId(),
                    event.type(),
                    event.time(),
                    event.severity().code(),
                    event.alert(),
                    event.attributes(),
                    stored.raisedTime(),
                    stored.acknowledgedBy(),
                    stored.acknowledgedTime(),
                    stored.acknowledgedNote());
        }
    }

    /**
     * Body of every 4xx and 5xx response.
     *
     * @param error a short code: {@code not_found}, {@code bad_request}, {@code unauthorized}, {@code forbidden},
     *     {@code method_not_allowed}, {@code service_unavailable} or {@code internal_error}
     * @param parameter the query parameter at fault, for a {@code bad_request} about one
     */
    record Error(String error, String message, @Nullable String parameter) {}

    /**
     * Body of a successful {@code POST /api/v1/tokens}.
     *
     * @param token the access token, sent as the MQTT password with the account's user name
     * @param tokenType always {@code Bearer}, the scheme for refreshing the token at the same endpoint
     * @param expiresAt when the token expires (the {@code exp} claim)
     * @param expiresInSeconds seconds from now until {@code expiresAt}
     */
    record Token(String token, String tokenType, Instant expiresAt, long expiresInSeconds) {}

    /** Body of {@code GET /health}; each part is {@code UP} or {@code DOWN}. */
    record Health(String status, String broker, String database, String subscription, String ingest) {}
}
