package org.fleettracker.protocol.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * Latest known condition of a vehicle, published retained on its state topic by the tracker.
 *
 * <p>The position fields come from the accepted fix with the latest fix time, so a late fix never moves
 * them back. They follow the ranges of {@link Telemetry}, which the constructor enforces.
 *
 * @param receivedTime when the tracker received the fix that set the position
 * @param online whether the vehicle's presence is {@code online}; null until a presence message arrives
 * @param updatedTime when the tracker last changed this state
 */
public record VehicleState(
        String fleetId,
        String vehicleId,
        long seq,
        Instant fixTime,
        Instant receivedTime,
        double latitudeDeg,
        double longitudeDeg,
        double speedKmh,
        double headingDeg,
        @Nullable Double altitudeM,
        @Nullable Double accuracyM,
        @Nullable Double odometerM,
        @Nullable Boolean ignition,
        @Nullable Double batteryPct,
        MotionStatus status,
        @Nullable Boolean online,
        Instant updatedTime) {

    public VehicleState {
        Ids.requireValid("fleet id", fleetId);
        Ids.requireValid("vehicle id", vehicleId);
        Ranges.requireNotNegative("seq", seq);
        Objects.requireNonNull(fixTime, "fixTime");
        Objects.requireNonNull(receivedTime, "receivedTime");
        Telemetry.checkPosition(
                latitudeDeg, longitudeDeg, speedKmh, headingDeg, altitudeM, accuracyM, odometerM, batteryPct);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedTime, "updatedTime");
    }

    /**
     * Reads a state from a parsed JSON object; {@link Json#decode} calls it.
     *
     * @throws IllegalArgumentException when a field is missing or invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static VehicleState fromJson(JsonNode json) {
        JsonNode root = JsonFields.requireObject(json);
        String fleetId = JsonFields.requiredId(root, "fleetId");
        Telemetry fix = TelemetryCodec.fromWrittenTree(root);
        Instant receivedTime = JsonFields.requiredInstant(root, "receivedTime");
        MotionStatus status = JsonFields.requiredCode(root, "status", MotionStatus::fromCode);
        Boolean online = JsonFields.optionalBoolean(root, "online");
        Instant updatedTime = JsonFields.requiredInstant(root, "updatedTime");
        return JsonFields.construct(
                RejectReason.OUT_OF_RANGE,
                () -> new VehicleState(
                        fleetId,
                        fix.vehicleId(),
                        fix.seq(),
                        fix.fixTime(),
                        receivedTime,
                        fix.latitudeDeg(),
                        fix.longitudeDeg(),
                        fix.speedKmh(),
                        fix.headingDeg(),
                        fix.altitudeM(),
                        fix.accuracyM(),
                        fix.odometerM(),
                        fix.ignition(),
                        fix.batteryPct(),
                        status,
                        online,
                        updatedTime));
    }

    /** Creates the state that {@code fix}, received at {@code receivedTime}, leads to. */
    public static VehicleState fromFix(
            String fleetId, Telemetry fix, Instant receivedTime, @Nullable Boolean online, Instant updatedTime) {
        return new VehicleState(
                fleetId,
                fix.vehicleId(),
                fix.seq(),
                fix.fixTime(),
                receivedTime,
                fix.latitudeDeg(),
                fix.longitudeDeg(),
                fix.speedKmh(),
                fix.headingDeg(),
                fix.altitudeM(),
                fix.accuracyM(),
                fix.odometerM(),
                fix.ignition(),
                fix.batteryPct(),
                MotionStatus.fromSpeed(fix.speedKmh()),
                online,
                updatedTime);
    }

    /** Returns a copy with another presence. */
    public VehicleState withOnline(@Nullable Boolean newOnline, Instant newUpdatedTime) {
        return new VehicleState(
                fleetId,
                vehicleId,
                seq,
                fixTime,
                receivedTime,
                latitudeDeg,
                longitudeDeg,
                speedKmh,
                headingDeg,
                altitudeM,
                accuracyM,
                odometerM,
                ignition,
                batteryPct,
                status,
                newOnline,
                newUpdatedTime);
    }
}
