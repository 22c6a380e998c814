package org.fleettracker.tracker.internal.geofence;

import org.fleettracker.tracker.internal.geo.Circle;
import org.fleettracker.tracker.internal.geo.GeoPoint;
import org.fleettracker.tracker.internal.geo.Polygon;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeofenceStoreTest {

    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    private static final Geofence YARD = new Geofence(
            "yard", "demo", "Yard", new Circle(new GeoPoint(46.05, 14.5), 150), 20.0, Duration.ofMinutes(3));

    private static final Geofence ZONE = new Geofence(
            "zone",
            "demo",
            "Zone",
            new Polygon(
                    List.of(
                            new GeoPoint(46.00, 14.50),
                            new GeoPoint(46.00, 14.51),
                            new GeoPoint(46.01, 14.51),
                            new GeoPoint(46.00, 14.50)),
                    List.of()),
            null,
            null);

    private final GeofenceStore store = new GeofenceStore();
    private TestDatabase db;
    private Database database;

    @BeforeEach
    void open(TestDatabase db) {
        this.db = db;
        database = db.open();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @DatabaseTest
    void inserted_geofences_read_back_equal() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, YARD, GeofenceSource.API, TIME);
            store.insert(connection, ZONE, GeofenceSource.FILE, TIME);

            List<StoredGeofence> all = store.findAll(connection, null);

            assertThat(all)
                    .containsExactly(
                            new StoredGeofence(YARD, GeofenceSource.API, TIME),
                            new StoredGeofence(ZONE, GeofenceSource.FILE, TIME));
        }
    }

    @DatabaseTest
    void insert_rejects_a_taken_id() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, YARD, GeofenceSource.API, TIME);

            assertThatThrownBy(() -> store.insert(connection, YARD, GeofenceSource.API, TIME))
                    .isInstanceOf(SQLException.class);
        }
    }

    @DatabaseTest
    void find_all_filters_by_fleet() throws SQLException {
        Geofence north = new Geofence("north-yard", "north", "North", YARD.shape(), null, null);
        try (Connection connection = database.connection()) {
            store.insert(connection, YARD, GeofenceSource.API, TIME);
            store.insert(connection, north, GeofenceSource.API, TIME);

            assertThat(store.findAll(connection, "north"))
                    .extracting(stored -> stored.geofence().id())
                    .containsExactly("north-yard");
        }
    }

    @DatabaseTest
    void file_replaces_its_ids_and_keeps_api_geofences() throws SQLException {
        Geofence yardFromFile = new Geofence("yard", "demo", "Yard from file", YARD.shape(), null, null);
        Geofence apiOnly = new Geofence("api-only", "demo", "API", YARD.shape(), null, null);
        try (Connection connection = database.connection()) {
            store.insert(connection, YARD, GeofenceSource.API, TIME);
            store.insert(connection, apiOnly, GeofenceSource.API, TIME);
            store.insert(connection, ZONE, GeofenceSource.FILE, TIME);

            store.replaceFileGeofences(connection, List.of(yardFromFile), TIME.plusSeconds(1));

            assertThat(store.findAll(connection, null))
                    .containsExactly(
                            new StoredGeofence(apiOnly, GeofenceSource.API, TIME),
                            new StoredGeofence(yardFromFile, GeofenceSource.FILE, TIME.plusSeconds(1)));
        }
    }

    @DatabaseTest
    void presence_survives_reopening() throws SQLException {
        GeofencePresence inside = new GeofencePresence("v1", "yard", true, TIME, false);
        try (Connection connection = database.connection()) {
            store.insert(connection, YARD, GeofenceSource.API, TIME);
            store.savePresence(connection, inside);
        }
        database.close();
        database = db.open();

        try (Connection connection = database.connection()) {
            assertThat(store.findPresence(connection)).containsExactly(inside);
        }
    }

    @DatabaseTest
    void saving_presence_again_replaces_it() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, YARD, GeofenceSource.API, TIME);
            store.savePresence(connection, new GeofencePresence("v1", "yard", true, TIME, false));

            store.savePresence(connection, new GeofencePresence("v1", "yard", true, TIME, true));

            assertThat(store.findPresence(connection))
                    .containsExactly(new GeofencePresence("v1", "yard", true, TIME, true));
        }
    }

    @DatabaseTest
    void delete_removes_the_geofence_and_its_presence() throws SQLException {
        try (Connection connection = database.connection()) {
            store.insert(connection, YARD, GeofenceSource.API, TIME);
            store.savePresence(connection, new GeofencePresence("v1", "yard", true, TIME, false));

            boolean deleted = store.delete(connection, "yard");

            assertThat(deleted).isTrue();
            assertThat(store.find(connection, "yard")).isEmpty();
            assertThat(store.findPresence(connection)).isEmpty();
        }
    }

    @DatabaseTest
    void delete_of_an_unknown_id_returns_false() throws SQLException {
        try (Connection connection = database.connection()) {
            assertThat(store.delete(connection, "absent")).isFalse();
        }
    }
}
