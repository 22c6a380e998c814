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
 * @param status what the vehicle is doing; see {@link MotionStatus} for how the tracker decides
 * @param online whether the vehicle's presence is {@code online}; null until a presence message arrives
 * @param distanceM distance the tracker has added up from the vehicle's accepted fixes since it first saw the
 *     vehicle, in metres; it does not depend on the odometer the vehicle reports, and null in older states
 * @param job progress with the vehicle's current dispatch job, or null when it has none
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
        @Nullable Double distanceM,
        @Nullable JobProgress job,
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
        if (distanceM != null) {
            Ranges.requireNotNegative("distanceM", distanceM);
        }
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
        Double distanceM = JsonFields.optionalNumber(root, "distanceM");
        JobProgress job = root.hasNonNull("job") ? JobProgress.fromJson(root.get("job")) : null;
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
                        distanceM,
                        job,
                        updatedTime));
    }

    /**
     * Creates the state that {@code fix}, received at {@code receivedTime}, leads to, with the status that its speed
     * and ignition give.
     */
    public static VehicleState fromFix(
            String fleetId,
            Telemetry fix,
            Instant receivedTime,
            @Nullable Boolean online,
            @Nullable Double distanceM,
            @Nullable JobProgress job,
            Instant updatedTime) {
        MotionStatus status =
                Boolean.FALSE.equals(online) ? MotionStatus.OFFLINE : MotionStatus.of(fix.speedKmh(), fix.ignition());
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
                status,
                online,
                distanceM,
                job,
                updatedTime);
    }

    /** Creates the state that {@code fix} leads to, without distance or job. */
    public static VehicleState fromFix(
            String fleetId, Telemetry fix, Instant receivedTime, @Nullable Boolean online, Instant updatedTime) {
        return fromFix(fleetId, fix, receivedTime, online, null, null, updatedTime);
    }

    /** Returns a copy with another presence; going offline sets the status to offline, coming back recomputes it. */
    public VehicleState withOnline(@Nullable Boolean newOnline, Instant newUpdatedTime) {
        MotionStatus newStatus =
                Boolean.FALSE.equals(newOnline) ? MotionStatus.OFFLINE : MotionStatus.of(speedKmh, ignition);
        return copy(newStatus, newOnline, distanceM, job, newUpdatedTime);
    }

    /** Returns a copy with another status, such as {@link MotionStatus#OFFLINE} after the offline timeout. */
    public VehicleState withStatus(MotionStatus newStatus, Instant newUpdatedTime) {
        return copy(newStatus, online, distanceM, job, newUpdatedTime);
    }

    /** Returns a copy with another job progress, or none. */
    public VehicleState withJob(@Nullable JobProgress newJob, Instant newUpdatedTime) {
        return copy(status, online, distanceM, newJob, newUpdatedTime);
    }

    /** Returns a copy with another tracker-counted distance. */
    public VehicleState withDistance(@Nullable Double newDistanceM, Instant newUpdatedTime) {
        return copy(status, online, newDistanceM, job, newUpdatedTime);
    }

    private VehicleState copy(
            MotionStatus newStatus,
            @Nullable Boolean newOnline,
            @Nullable Double newDistanceM,
            @Nullable JobProgress newJob,
            Instant newUpdatedTime) {
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
                newStatus,
                newOnline,
                newDistanceM,
                newJob,
                newUpdatedTime);
    }
}
