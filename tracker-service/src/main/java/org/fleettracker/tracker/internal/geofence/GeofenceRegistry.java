package org.fleettracker.tracker.internal.geofence;

import org.fleettracker.tracker.internal.geo.BoundingBox;
import org.fleettracker.tracker.internal.geo.Geo;
import org.fleettracker.tracker.internal.geo.GeoPoint;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The geofences in force, shared by the HTTP API, which changes them after its transaction commits, and the
 * geofence rule, which reads them. Each change replaces an immutable {@link Snapshot} with a higher version.
 * Thread-safe.
 */
public final class GeofenceRegistry implements GeofenceSpeedLimits {

    private volatile Snapshot snapshot = new Snapshot(Map.of(), 0, false);

    /** Replaces every geofence with those stored in the database. */
    public void load(Connection connection) throws SQLException {
        replaceAll(new GeofenceStore().findAll(connection, null));
    }

    public synchronized void replaceAll(Collection<StoredGeofence> geofences) {
        Map<String, StoredGeofence> byId = new LinkedHashMap<>();
        geofences.forEach(stored -> byId.put(stored.geofence().id(), stored));
        snapshot = new Snapshot(byId, snapshot.version() + 1, true);
    }

    /** Adds a geofence or replaces the one with its id. */
    public synchronized void put(StoredGeofence stored) {
        Map<String, StoredGeofence> byId = new LinkedHashMap<>(snapshot.byId);
        byId.put(stored.geofence().id(), stored);
        snapshot = new Snapshot(byId, snapshot.version() + 1, snapshot.loaded());
    }

    public synchronized void remove(String geofenceId) {
        Map<String, StoredGeofence> byId = new LinkedHashMap<>(snapshot.byId);
        byId.remove(geofenceId);
        snapshot = new Snapshot(byId, snapshot.version() + 1, snapshot.loaded());
    }

    /** Returns the current geofences; the snapshot does not change when the registry does. */
    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public OptionalDouble speedLimitKmhAt(String fleetId, double latitudeDeg, double longitudeDeg) {
        GeoPoint point = new GeoPoint(latitudeDeg, longitudeDeg);
        OptionalDouble lowest = OptionalDouble.empty();
        for (Entry entry : snapshot.inFleet(fleetId)) {
            Double limit = entry.geofence().speedLimitKmh();
            if (limit != null
                    && entry.near(latitudeDeg, longitudeDeg, 0)
                    && entry.geofence().shape().contains(point)
                    && (lowest.isEmpty() || limit < lowest.getAsDouble())) {
                lowest = OptionalDouble.of(limit);
            }
        }
        return lowest;
    }

    /** The geofences at one moment, grouped by fleet. Immutable. */
    public static final class Snapshot {
        private final Map<String, StoredGeofence> byId;
        private final Map<String, List<Entry>> byFleet;
        private final long version;
        private final boolean loaded;

        private Snapshot(Map<String, StoredGeofence> byId, long version, boolean loaded) {
            this.byId = Map.copyOf(byId);
            Map<String, List<Entry>> grouped = new LinkedHashMap<>();
            byId.values()
                    .forEach(stored -> grouped.computeIfAbsent(stored.geofence().fleetId(), fleet -> new ArrayList<>())
                            .add(new Entry(stored.geofence())));
            grouped.replaceAll((fleet, entries) -> List.copyOf(entries));
            this.byFleet = Map.copyOf(grouped);
            this.version = version;
            this.loaded = loaded;
        }

        /** Increases with every change, so a reader can tell that the geofences changed. */
        public long version() {
            return version;
        }

        /** Returns how many geofences there are in every fleet together. */
        public int size() {
            return byId.size();
        }

        /** Returns whether the geofences were read from the database at least once. */
        public boolean loaded() {
            return loaded;
        }

        public List<Entry> inFleet(String fleetId) {
            return byFleet.getOrDefault(fleetId, List.of());
        }

        public Optional<Geofence> find(String geofenceId) {
            StoredGeofence stored = byId.get(geofenceId);
            return stored == null ? Optional.empty() : Optional.of(stored.geofence());
        }

        public @Nullable StoredGeofence stored(String geofenceId) {
            return byId.get(geofenceId);
        }
    }

    /** A geofence with its bounding box, which lets a far point skip the exact distance. */
    public static final class Entry {
        private final Geofence geofence;
        private final BoundingBox box;
        private final double metresPerDegreeLongitude;

        Entry(Geofence geofence) {
            this.geofence = geofence;
            this.box = geofence.shape().boundingBox();
            double widestLatitude = Math.max(Math.abs(box.minLatitudeDeg()), Math.abs(box.maxLatitudeDeg()));
            this.metresPerDegreeLongitude = Geo.METRES_PER_DEGREE * Math.cos(Math.toRadians(widestLatitude));
        }

        public Geofence geofence() {
            return geofence;
        }

        /**
         * Returns false only when the point lies more than {@code marginM} metres outside the bounding box, and so
         * more than {@code marginM} outside the geofence.
         */
        public boolean near(double latitudeDeg, double longitudeDeg, double marginM) {
            double latitudeMarginDeg = marginM / Geo.METRES_PER_DEGREE;
            if (latitudeDeg < box.minLatitudeDeg() - latitudeMarginDeg
                    || latitudeDeg > box.maxLatitudeDeg() + latitudeMarginDeg) {
                return false;
            }
            if (metresPerDegreeLongitude < 1) {
                return true;
            }
            double longitudeMarginDeg = marginM / metresPerDegreeLongitude;
            return longitudeDeg >= box.minLongitudeDeg() - longitudeMarginDeg
                    && longitudeDeg <= box.maxLongitudeDeg() + longitudeMarginDeg;
        }
    }
}
