package org.fleettracker.tracker.internal.cluster;

import org.fleettracker.tracker.internal.storage.ClusterLeaseStore;
import org.fleettracker.tracker.internal.storage.VehicleVersionStore;
import org.fleettracker.tracker.internal.storage.VehicleVersionStore.VehicleVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lets several tracker instances on one database take turns per vehicle (docs/cluster.md).
 *
 * <p>Each batch transaction locks the {@code vehicle_versions} rows of its vehicles in vehicle id order, so two
 * instances never run the fleet rules for one vehicle at the same time. Two batches that share vehicles lock them in
 * the same order, so the second waits for the first instead of deadlocking; a deadlock the database reports anyway
 * fails the batch, and the ingest loop retries it. A row whose
 * version or writer differs from the one this instance's memory matches means another instance (or a change outside
 * the batches, such as a new job) changed the vehicle: the caller reloads it before it runs the rules. The batch then
 * adds 1 to the versions of its vehicles and records this instance as their writer. When this instance wrote the last
 * version, nothing is reloaded, and a batch costs one lock statement and one update statement.
 *
 * <p>{@link #single()} returns the turns of a tracker that has the database to itself: it locks, reads and writes
 * nothing. Used by the ingest thread only.
 */
public final class VehicleTurns {

    private static final Logger log = LoggerFactory.getLogger(VehicleTurns.class);

    /** SQL state of a unique or primary key violation. */
    private static final String DUPLICATE_KEY_STATE = "23505";

    /** Attempts of inserting missing rows while another instance inserts the same ones. */
    private static final int INSERT_ATTEMPTS = 3;

    private final @Nullable String instanceId;
    private final Duration tickLease;
    private final VehicleVersionStore store = new VehicleVersionStore();
    private final ClusterLeaseStore leases = new ClusterLeaseStore();

    /** The row version that this instance's memory of each vehicle matches. */
    private final Map<String, Synced> synced = new HashMap<>();

    /** Vehicles whose row is known to exist; rows are never deleted. */
    private final Set<String> knownRows = new HashSet<>();

    private boolean leaseHeld;

    private record Synced(long version, String instanceId) {}

    private VehicleTurns(@Nullable String instanceId, Duration tickLease) {
        this.instanceId = instanceId;
        this.tickLease = tickLease;
    }

    /** Returns the turns of a tracker that has the database to itself: every call does nothing. */
    public static VehicleTurns single() {
        return new VehicleTurns(null, Duration.ofSeconds(1));
    }

    /**
     * Returns the turns of the tracker instance {@code instanceId} (at most 64 characters, unique per running
     * instance), which holds the tick lease for {@code tickLease} after each renewal.
     */
    public static VehicleTurns cluster(String instanceId, Duration tickLease) {
        if (instanceId.isEmpty() || instanceId.length() > 64) {
            throw new IllegalArgumentException("instance id '" + instanceId + "' must have 1 to 64 characters");
        }
        return new VehicleTurns(instanceId, tickLease);
    }

    /** Returns whether this tracker shares its database with other instances. */
    public boolean enabled() {
        return instanceId != null;
    }

    /**
     * Inserts the missing rows of {@code vehicleIds}; call on a connection in auto-commit mode before the batch
     * transaction begins, so the insert is committed at once and never holds a lock during the batch. Inserts only
     * rows this instance has not seen yet, so a batch of known vehicles runs no statement here.
     */
    public void insertMissing(Connection connection, Collection<String> vehicleIds) throws SQLException {
        if (instanceId == null) {
            return;
        }
        Set<String> unknown = new TreeSet<>(vehicleIds);
        unknown.removeAll(knownRows);
        if (unknown.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                store.insertMissing(connection, unknown);
                return;
            } catch (SQLException e) {
                // Two instances that insert the same new vehicle at once: the loser's row now exists.
                if (!DUPLICATE_KEY_STATE.equals(e.getSQLState()) || attempt >= INSERT_ATTEMPTS) {
                    throw e;
                }
                log.debug("Another instance inserted a vehicle row at the same time; trying again: {}", e.getMessage());
            }
        }
    }

    /**
     * Locks the rows of {@code vehicleIds} in the caller's transaction until it ends, in vehicle id order.
     *
     * @return the turn, which names the vehicles whose in-memory state must be reloaded
     */
    public Turn lock(Connection connection, Collection<String> vehicleIds) throws SQLException {
        if (instanceId == null || vehicleIds.isEmpty()) {
            return Turn.none();
        }
        return turn(store.lock(connection, new TreeSet<>(vehicleIds)));
    }

    /** Locks every row in the caller's transaction until it ends, in vehicle id order, for a tick. */
    public Turn lockAll(Connection connection) throws SQLException {
        if (instanceId == null) {
            return Turn.none();
        }
        return turn(store.lockAll(connection));
    }

    private Turn turn(Map<String, VehicleVersion> rows) {
        knownRows.addAll(rows.keySet());
        Set<String> stale = new TreeSet<>();
        for (VehicleVersion row : rows.values()) {
            Synced memory = synced.get(row.vehicleId());
            if (memory == null
                    || memory.version() != row.version()
                    || !memory.instanceId().equals(row.instanceId())) {
                stale.add(row.vehicleId());
            }
        }
        return new Turn(rows, stale);
    }

    /**
     * Stores the turn's presence and adds 1 to the version of each vehicle the turn changed, as the last step before
     * the commit.
     */
    public void beforeCommit(Connection connection, Turn turn, Instant now) throws SQLException {
        if (instanceId == null || turn.rows.isEmpty()) {
            return;
        }
        store.savePresence(connection, turn.presence.values());
        if (!turn.changed.isEmpty()) {
            store.bump(connection, turn.changed, instanceId, now);
        }
    }

    /** Records that the turn's transaction committed: this instance's memory now matches the rows it wrote or read. */
    public void committed(Turn turn) {
        if (instanceId == null) {
            return;
        }
        for (String vehicleId : turn.stale) {
            VehicleVersion row = turn.rows.get(vehicleId);
            if (row != null) {
                synced.put(vehicleId, new Synced(row.version(), row.instanceId()));
            }
        }
        for (String vehicleId : turn.changed) {
            VehicleVersion row = turn.rows.get(vehicleId);
            if (row != null) {
                synced.put(vehicleId, new Synced(row.version() + 1, instanceId));
            }
        }
    }

    /**
     * Returns the vehicles of {@code vehicleIds} whose latest version this instance wrote or read, so that it may
     * publish their state: a newer version means another instance changed the vehicle since, and publishes its newer
     * state itself.
     */
    public Set<String> stillLatest(Connection connection, Collection<String> vehicleIds) throws SQLException {
        if (instanceId == null || vehicleIds.isEmpty()) {
            return Set.copyOf(vehicleIds);
        }
        Set<String> latest = new HashSet<>();
        for (VehicleVersion row : store.find(connection, vehicleIds).values()) {
            Synced memory = synced.get(row.vehicleId());
            if (memory != null
                    && memory.version() == row.version()
                    && memory.instanceId().equals(row.instanceId())) {
                latest.add(row.vehicleId());
            }
        }
        return latest;
    }

    /**
     * Takes or renews the lease of the fleet rules' tick; call on a connection in auto-commit mode. A single tracker
     * always has it. An instance that stops renewing, such as a dead one, loses it once {@code tickLease} has passed.
     *
     * @return whether this instance runs the tick now
     */
    public boolean takeTickLease(Connection connection, Instant now) throws SQLException {
        if (instanceId == null) {
            return true;
        }
        boolean held = leases.tryTake(connection, ClusterLeaseStore.FLEET_TICK, instanceId, now, now.plus(tickLease));
        if (held != leaseHeld) {
            log.info(
                    held
                            ? "Tracker instance {} now runs the fleet rules' ticks"
                            : "Tracker instance {} no longer runs the fleet rules' ticks; another instance does",
                    instanceId);
            leaseHeld = held;
        }
        return held;
    }

    /**
     * The locked rows of one batch or tick: which vehicles must be reloaded first, which presence messages are newer
     * than the stored one, and which vehicles the turn changed.
     */
    public static final class Turn {

        private final Map<String, VehicleVersion> rows;
        private final Set<String> stale;
        private final Map<String, VehicleVersion> presence = new LinkedHashMap<>();
        private final Set<String> changed = new TreeSet<>();

        private Turn(Map<String, VehicleVersion> rows, Set<String> stale) {
            this.rows = rows;
            this.stale = stale;
        }

        private static Turn none() {
            return new Turn(Map.of(), Set.of());
        }

        /** Returns the vehicles whose in-memory state and rule caches another instance outdated, in id order. */
        public Set<String> stale() {
            return stale;
        }

        /** Returns the vehicle's locked row, or null when it has none or nothing was locked. */
        public @Nullable VehicleVersion row(String vehicleId) {
            return rows.get(vehicleId);
        }

        /**
         * Returns whether a presence message received at {@code receivedTime} is at least as new as the vehicle's
         * latest applied presence, and records it as that when it is. With nothing locked it always is.
         *
         * <p>Instances order presence messages by the time they received them, so their clocks must agree to well
         * within the time between two presence changes of a vehicle.
         */
        public boolean acceptPresence(String vehicleId, boolean online, Instant receivedTime) {
            VehicleVersion row = rows.get(vehicleId);
            if (row == null) {
                return true;
            }
            VehicleVersion pending = presence.get(vehicleId);
            Instant latest = pending != null ? pending.presenceTime() : row.presenceTime();
            if (latest != null && receivedTime.isBefore(latest)) {
                return false;
            }
            presence.put(
                    vehicleId, new VehicleVersion(vehicleId, row.version(), row.instanceId(), online, receivedTime));
            return true;
        }

        /** Marks locked vehicles as changed by this turn, so their versions grow; others are ignored. */
        public void changed(Collection<String> vehicleIds) {
            for (String vehicleId : vehicleIds) {
                if (rows.containsKey(vehicleId)) {
                    changed.add(vehicleId);
                }
            }
        }

        /** Returns the locked vehicles, in id order. */
        public List<String> locked() {
            return List.copyOf(new TreeSet<>(rows.keySet()));
        }
    }
}
