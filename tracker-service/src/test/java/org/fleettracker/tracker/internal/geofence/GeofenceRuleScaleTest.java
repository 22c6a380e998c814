package org.fleettracker.tracker.internal.geofence;

import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.fleet.FleetLogic;
import org.fleettracker.tracker.internal.fleet.RuleOutcome;
import org.fleettracker.tracker.internal.geo.Circle;
import org.fleettracker.tracker.internal.geo.Geo;
import org.fleettracker.tracker.internal.geo.GeoPoint;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.fleettracker.tracker.internal.storage.EventStore;
import org.fleettracker.tracker.internal.storage.StoredPosition;
import org.fleettracker.tracker.testing.Fixes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GeofenceRuleScaleTest {

    private static final int GEOFENCES = 500;
    private static final int VEHICLES = 5_000;
    private static final int GRID_COLUMNS = 25;
    private static final double SPACING_M = 1_000;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(60)
    void five_thousand_vehicles_in_five_hundred_geofences() throws SQLException {
        GeofenceRegistry registry = new GeofenceRegistry();
        registry.replaceAll(gridOfCircles());
        FleetLogic logic = new FleetLogic(
                FleetSettings.defaults(), new VehicleStates(), new EventStore(), List.of(new GeofenceRule(registry)));
        List<StoredPosition> positions = new ArrayList<>();
        for (int i = 0; i < VEHICLES; i++) {
            GeoPoint centre = centreOf(i % GEOFENCES);
            positions.add(new StoredPosition(
                    "demo",
                    Fixes.fix("v" + i, 1, Fixes.START, centre.latitudeDeg(), centre.longitudeDeg()),
                    Fixes.START.plusSeconds(1)));
        }

        RuleOutcome outcome;
        try (Database database = Database.open(dataDir);
                Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            outcome = logic.onBatch(connection, Fixes.START.plusSeconds(1), positions, List.of());
            connection.commit();
        }

        assertThat(outcome.events()).hasSize(VEHICLES);
        Set<String> pairs = new HashSet<>();
        for (RuleOutcome.RaisedEvent raised : outcome.events()) {
            int vehicle = Integer.parseInt(raised.event().vehicleId().substring(1));
            assertThat(raised.event().attributes()).containsEntry("geofenceId", "g" + vehicle % GEOFENCES);
            pairs.add(raised.event().vehicleId() + "/"
                    + raised.event().attributes().get("geofenceId"));
        }
        assertThat(pairs).hasSize(VEHICLES);
    }

    /** Returns circles of 100 m on a grid with 1 km between centres, so no two overlap. */
    private static List<StoredGeofence> gridOfCircles() {
        List<StoredGeofence> geofences = new ArrayList<>();
        Instant time = Fixes.START;
        for (int i = 0; i < GEOFENCES; i++) {
            Geofence geofence = new Geofence("g" + i, "demo", "Circle " + i, new Circle(centreOf(i), 100), null, null);
            geofences.add(new StoredGeofence(geofence, GeofenceSource.API, time));
        }
        return geofences;
    }

    private static GeoPoint centreOf(int index) {
        double north = (index / GRID_COLUMNS) * SPACING_M;
        double east = (index % GRID_COLUMNS) * SPACING_M;
        double latitude = 46.0 + north / Geo.METRES_PER_DEGREE;
        return new GeoPoint(latitude, 14.3 + east / (Geo.METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude))));
    }
}
