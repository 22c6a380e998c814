package org.fleettracker.tracker.internal.storage;

import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stores whose save replaces the stored row of the same key: conditions, odometers and vehicle settings. */
class UpsertStoresTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private Database database;

    @BeforeEach
    void openDatabase(TestDatabase db) {
        database = db.open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @DatabaseTest
    void condition_save_replaces_same_vehicle_and_name() throws SQLException {
        ConditionStore store = new ConditionStore();
        try (Connection connection = database.connection()) {
            store.save(connection, new VehicleCondition("v1", "overspeed", "demo", T0, false, null));
            store.save(connection, new VehicleCondition("v1", "overspeed", "demo", T0.plusSeconds(5), true, "121"));
            store.save(connection, new VehicleCondition("v1", "idle", "demo", T0, false, null));

            assertThat(store.findAll(connection, "overspeed"))
                    .containsExactly(new VehicleCondition("v1", "overspeed", "demo", T0.plusSeconds(5), true, "121"));
            assertThat(store.findAll(connection, "idle")).hasSize(1);
        }
    }

    @DatabaseTest
    void odometers_save_inserts_and_replaces_in_one_batch() throws SQLException {
        OdometerStore store = new OdometerStore();
        try (Connection connection = database.connection()) {
            store.saveAll(connection, List.of(new OdometerStore.Odometer("v1", "demo", 10, 1, 2, T0)));
            store.saveAll(
                    connection,
                    List.of(
                            new OdometerStore.Odometer("v1", "demo", 25, 1.5, 2.5, T0.plusSeconds(1)),
                            new OdometerStore.Odometer("v2", "demo", 3, 4, 5, T0)));

            assertThat(store.findAll(connection))
                    .containsExactlyInAnyOrder(
                            new OdometerStore.Odometer("v1", "demo", 25, 1.5, 2.5, T0.plusSeconds(1)),
                            new OdometerStore.Odometer("v2", "demo", 3, 4, 5, T0));
        }
    }

    @DatabaseTest
    void vehicle_settings_save_replaces_the_limit() throws SQLException {
        VehicleSettingsStore store = new VehicleSettingsStore();
        try (Connection connection = database.connection()) {
            store.save(connection, new VehicleSettingsStore.VehicleSettings("v1", "demo", 90.0, "admin", T0));
            store.save(connection, new VehicleSettingsStore.VehicleSettings("v1", "demo", null, "ops", T0));

            assertThat(store.find(connection, "v1"))
                    .contains(new VehicleSettingsStore.VehicleSettings("v1", "demo", null, "ops", T0));
        }
    }
}
