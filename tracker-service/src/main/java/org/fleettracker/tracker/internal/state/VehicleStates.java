package org.fleettracker.tracker.internal.state;

import org.fleettracker.protocol.api.MotionStatus;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The latest state of every vehicle that has at least one stored fix.
 *
 * <p>A state moves forward in fix time only: a fix that is older than the current one is stored in history by
 * the caller but leaves the state unchanged. One thread (the ingest thread) changes the states; any thread may
 * read them.
 */
public final class VehicleStates {

    private static final Logger log = LoggerFactory.getLogger(VehicleStates.class);

    private final Map<String, VehicleState> states = new ConcurrentHashMap<>();

    /** Presence of vehicles that have no fix yet, applied when their first fix arrives. */
    private final Map<String, Boolean> pendingOnline = new ConcurrentHashMap<>();

    /** Replaces every state with one per stored position; presence is unknown until the vehicles report it. */
    public void load(List<StoredPosition> latestPositions) {
        states.clear();
        for (StoredPosition position : latestPositions) {
            states.put(
                    position.vehicleId(),
                    VehicleState.fromFix(
                            position.fleetId(),
                            position.fix(),
                            position.receivedTime(),
                            null,
                            position.receivedTime()));
        }
        log.info("Loaded the state of {} vehicles from the database", states.size());
    }

    /**
     * Replaces the vehicle's state with one built from the database, because another tracker instance changed the
     * vehicle since this one last did. The job progress of the current state is kept until the job rule publishes
     * it again.
     *
     * @param latest the vehicle's latest stored position that is not an outlier, or null when it has none
     * @param online its latest presence, or null when none is known
     * @param distanceM its odometer's total, or null when it has none
     * @param offline whether an offline condition is open, which gives the state the offline status
     */
    public void reload(
            String vehicleId,
            @Nullable StoredPosition latest,
            @Nullable Boolean online,
            @Nullable Double distanceM,
            boolean offline) {
        VehicleState current = states.get(vehicleId);
        if (latest == null) {
            states.remove(vehicleId);
            if (online == null) {
                pendingOnline.remove(vehicleId);
            } else {
                pendingOnline.put(vehicleId, online);
            }
            return;
        }
        pendingOnline.remove(vehicleId);
        VehicleState next = VehicleState.fromFix(
                latest.fleetId(),
                latest.fix(),
                latest.receivedTime(),
                online,
                distanceM,
                current == null ? null : current.job(),
                latest.receivedTime());
        if (offline) {
            next = next.withStatus(MotionStatus.OFFLINE, latest.receivedTime());
        }
        states.put(vehicleId, next);
        log.trace("Reloaded the state of vehicle {} at fix time {}", vehicleId, next.fixTime());
    }

    /** Returns the fleet that the vehicle's stored fixes belong to, or empty when it has none. */
    public Optional<String> fleetOf(String vehicleId) {
        VehicleState state = states.get(vehicleId);
        return state == null ? Optional.empty() : Optional.of(state.fleetId());
    }

    /**
     * Moves the vehicle's state to {@code position} if the fix is newer than the current one.
     *
     * @return the new state, or empty when the fix is late (older fix time, or the same fix time and a lower seq)
     */
    public Optional<VehicleState> applyFix(StoredPosition position, Instant now) {
        VehicleState current = states.get(position.vehicleId());
        if (current != null && !isNewer(position, current)) {
            log.trace(
                    "Late fix seq {} of vehicle {} at {} leaves the state at {}",
                    position.fix().seq(),
                    position.vehicleId(),
                    position.fix().fixTime(),
                    current.fixTime());
            return Optional.empty();
        }
        Boolean online = current != null ? current.online() : pendingOnline.remove(position.vehicleId());
        VehicleState next = VehicleState.fromFix(
                position.fleetId(),
                position.fix(),
                position.receivedTime(),
                online,
                current == null ? null : current.distanceM(),
                current == null ? null : current.job(),
                now);
        states.put(position.vehicleId(), next);
        return Optional.of(next);
    }

    /**
     * Records the vehicle's presence.
     *
     * @return the new state, or empty when the vehicle has no fix yet or its presence did not change
     */
    public Optional<VehicleState> applyPresence(String vehicleId, boolean online, Instant now) {
        VehicleState current = states.get(vehicleId);
        if (current == null) {
            pendingOnline.put(vehicleId, online);
            return Optional.empty();
        }
        if (Boolean.valueOf(online).equals(current.online())) {
            return Optional.empty();
        }
        VehicleState next = current.withOnline(online, now);
        states.put(vehicleId, next);
        log.info("Vehicle {} of fleet {} is now {}", vehicleId, current.fleetId(), online ? "online" : "offline");
        return Optional.of(next);
    }

    /**
     * Applies a change of the fleet rules, such as a new distance, job progress or the offline status.
     *
     * @return the new state, or empty when the vehicle has no state or the change left it equal
     */
    public Optional<VehicleState> update(String vehicleId, UnaryOperator<VehicleState> change, Instant now) {
        VehicleState current = states.get(vehicleId);
        if (current == null) {
            return Optional.empty();
        }
        VehicleState next = change.apply(current);
        if (next.equals(current)) {
            return Optional.empty();
        }
        if (next.status() != current.status()) {
            log.info(
                    "Vehicle {} of fleet {} is now {}",
                    vehicleId,
                    current.fleetId(),
                    next.status().code());
        }
        VehicleState stamped =
                next.updatedTime().equals(current.updatedTime()) ? next.withStatus(next.status(), now) : next;
        states.put(vehicleId, stamped);
        return Optional.of(stamped);
    }

    public @Nullable VehicleState get(String vehicleId) {
        return states.get(vehicleId);
    }

    /** Returns every state, ordered by fleet id, then vehicle id. */
    public List<VehicleState> all() {
        return states.values().stream()
                .sorted(Comparator.comparing(VehicleState::fleetId).thenComparing(VehicleState::vehicleId))
                .toList();
    }

    public int size() {
        return states.size();
    }

    // TODO: a fix up to ingest.max-fix-time-ahead in the future holds the state until real time passes it.
    private static boolean isNewer(StoredPosition position, VehicleState current) {
        int byTime = position.fix().fixTime().compareTo(current.fixTime());
        return byTime > 0 || (byTime == 0 && position.fix().seq() > current.seq());
    }
}
