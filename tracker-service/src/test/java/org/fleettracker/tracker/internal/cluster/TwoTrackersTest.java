package org.fleettracker.tracker.internal.cluster;

import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.protocol.api.VehicleState;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.fleet.FleetRules;
import org.fleettracker.tracker.internal.geo.Circle;
import org.fleettracker.tracker.internal.geo.GeoPoint;
import org.fleettracker.tracker.internal.geofence.Geofence;
import org.fleettracker.tracker.internal.geofence.GeofenceRule;
import org.fleettracker.tracker.internal.storage.OdometerStore;
import org.fleettracker.tracker.testing.ClusterScenario;
import org.fleettracker.tracker.testing.DatabaseTest;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.FleetScenario;
import org.fleettracker.tracker.testing.TestDatabase;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two tracker instances on one H2 file, with a vehicle's messages split between them. */
@Timeout(120)
class TwoTrackersTest {

    private static final double CENTRE_LATITUDE = 46.05;
    private static final double CENTRE_LONGITUDE = 14.50;

    /** A circle of 200 m with a dwell time of 60 s. */
    private static final Geofence YARD = new Geofence(
            "yard",
            ClusterScenario.FLEET,
            "Yard",
            new Circle(new GeoPoint(CENTRE_LATITUDE, CENTRE_LONGITUDE), 200),
            null,
            Duration.ofSeconds(60));

    @TempDir
    Path singleDataDir;

    @DatabaseTest
    void geofence_events_raised_once(TestDatabase db) throws SQLException {
        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(yardVisit());

            assertThat(cluster.events(GeofenceRule.ENTERED)).hasSize(1);
            assertThat(cluster.events(GeofenceRule.DWELL)).hasSize(1);
            assertThat(cluster.events(GeofenceRule.LEFT)).hasSize(1);
            assertThat(cluster.storedEvents(GeofenceRule.ENTERED)).isEqualTo(1);
            assertThat(cluster.storedEvents(GeofenceRule.LEFT)).isEqualTo(1);
        }
    }

    @DatabaseTest
    void overspeed_events_raised_once(TestDatabase db) throws SQLException {
        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(yardVisit());

            assertThat(cluster.events("overspeed")).hasSize(1);
            assertThat(cluster.events("overspeed-ended")).hasSize(1);
            assertThat(cluster.storedEvents("overspeed")).isEqualTo(1);
        }
    }

    @DatabaseTest
    void every_fix_acknowledged_once(TestDatabase db) throws SQLException {
        List<Telemetry> track = yardVisit();

        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(track);

            assertThat(cluster.instance(0).acknowledged() + cluster.instance(1).acknowledged())
                    .isEqualTo(track.size());
            assertThat(cluster.count("SELECT COUNT(*) FROM positions WHERE vehicle_id = ?", "v1"))
                    .isEqualTo(track.size());
        }
    }

    @DatabaseTest
    void published_states_never_go_backwards(TestDatabase db) throws SQLException {
        List<Telemetry> track = yardVisit();

        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(track.subList(0, 18));
            cluster.instance(1).send(List.of(track.get(19)));
            // Late for the vehicle, but newer than the fixes instance a stored itself.
            cluster.instance(0).send(List.of(track.get(18)));
            cluster.alternate(track.subList(20, track.size()));

            List<VehicleState> states = cluster.publishedStates("v1");
            assertThat(states).isNotEmpty();
            for (int i = 1; i < states.size(); i++) {
                assertThat(isAtOrAfter(states.get(i), states.get(i - 1)))
                        .as(
                                "state %d at %s after %s",
                                i, states.get(i).fixTime(), states.get(i - 1).fixTime())
                        .isTrue();
            }
            assertThat(states.get(states.size() - 1).seq())
                    .isEqualTo(track.get(track.size() - 1).seq());
        }
    }

    @DatabaseTest
    void instance_that_missed_fixes_starts_from_stored_state(TestDatabase db) throws SQLException {
        List<Telemetry> track = yardVisit();

        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.instance(0).send(track.subList(0, 10));
            cluster.instance(1).send(List.of(track.get(10)));

            VehicleState state = cluster.instance(1).states().get("v1");
            assertThat(state).isNotNull();
            assertThat(state.seq()).isEqualTo(track.get(10).seq());
            assertThat(cluster.publishedStates("v1"))
                    .last()
                    .extracting(VehicleState::seq)
                    .isEqualTo(state.seq());
        }
    }

    @DatabaseTest
    void trips_and_odometer_counted_once(TestDatabase db) throws SQLException {
        List<Telemetry> track = tripBetweenStops();
        double singleDistanceM;
        try (FleetScenario single =
                new FleetScenario(singleDataDir, FleetSettings.defaults(), Fixes.START, FleetRules::standard)) {
            single.drive(track);
            single.advance(Duration.ofMinutes(5));
            singleDistanceM = odometerM(single.database().connection());
        }

        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(track);
            cluster.advance(Duration.ofMinutes(5));

            assertThat(cluster.count("SELECT COUNT(*) FROM trips WHERE vehicle_id = ?", "v1"))
                    .isEqualTo(1);
            assertThat(cluster.events("trip-started")).hasSize(1);
            assertThat(cluster.events("trip-ended")).hasSize(1);
            assertThat(singleDistanceM).isGreaterThan(1_000);
            assertThat(odometerM(cluster.instance(0).database().connection())).isEqualTo(singleDistanceM);
        }
    }

    @DatabaseTest
    void offline_raised_once_when_both_tick(TestDatabase db) throws SQLException {
        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(Fixes.track("v1", 1, 6));

            cluster.advance(Duration.ofMinutes(11));

            assertThat(cluster.events("offline")).hasSize(1);
            assertThat(cluster.storedEvents("offline")).isEqualTo(1);
        }
    }

    @DatabaseTest
    void no_offline_while_other_instance_receives_fixes(TestDatabase db) throws SQLException {
        List<Telemetry> track = new TrackBuilder("v1", Fixes.START, 52.5, 13.4)
                .interval(Duration.ofSeconds(30))
                .driveTo(52.6, 13.4, 30)
                .fixes();
        assertThat(Duration.between(
                        track.get(0).fixTime(), track.get(track.size() - 1).fixTime()))
                .isGreaterThan(Duration.ofMinutes(15));

        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.advanceTo(track.get(0).fixTime());
            cluster.instance(0).send(List.of(track.get(0)));
            for (Telemetry fix : track.subList(1, track.size())) {
                cluster.advanceTo(fix.fixTime().plusSeconds(1));
                cluster.instance(1).send(List.of(fix));
            }

            cluster.advance(Duration.ofSeconds(1));

            assertThat(cluster.published())
                    .anyMatch(message -> message.instance().equals("a"));
            assertThat(cluster.events("offline")).isEmpty();
            assertThat(cluster.instance(0).states().get("v1").seq())
                    .isEqualTo(track.get(track.size() - 1).seq());
        }
    }

    @DatabaseTest
    void tick_lease_taken_over_when_holder_stops(TestDatabase db) throws SQLException {
        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(Fixes.track("v1", 1, 6));
            cluster.instance(0).tick();

            for (int minute = 0; minute < 11; minute++) {
                cluster.clock().advance(Duration.ofMinutes(1));
                cluster.instance(1).tick();
            }

            assertThat(cluster.events("offline")).hasSize(1);
            assertThat(cluster.published())
                    .filteredOn(message -> message.topic().endsWith("/events"))
                    .extracting(ClusterScenario.Published::instance)
                    .containsOnly("b");
        }
    }

    @DatabaseTest
    void presence_events_raised_once(TestDatabase db) throws SQLException {
        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(Fixes.track("v1", 1, 4));
            Instant offlineTime = cluster.clock().instant().plusSeconds(5);
            Instant onlineTime = offlineTime.plusSeconds(5);
            cluster.clock().set(onlineTime.plusSeconds(1));

            cluster.instance(0).presence("v1", false, offlineTime);
            cluster.instance(1).presence("v1", true, onlineTime);
            cluster.instance(1).presence("v1", true, onlineTime.plusMillis(1));

            assertThat(cluster.events("offline")).hasSize(1);
            assertThat(cluster.events("online")).hasSize(1);
            assertThat(cluster.instance(0).states().get("v1").online()).isFalse();
        }
    }

    @DatabaseTest
    void older_presence_processed_late_is_ignored(TestDatabase db) throws SQLException {
        try (ClusterScenario cluster = cluster(db, 2)) {
            cluster.alternate(Fixes.track("v1", 1, 4));
            Instant offlineTime = cluster.clock().instant().plusSeconds(5);
            Instant onlineTime = offlineTime.plusSeconds(5);
            cluster.clock().set(onlineTime.plusSeconds(1));

            // Instance b applies the later online message before instance a gets to the earlier offline one.
            cluster.instance(1).presence("v1", true, onlineTime);
            cluster.instance(0).presence("v1", false, offlineTime);
            cluster.instance(0).send(List.of(Fixes.track("v1", 5, 5).get(4)));

            assertThat(cluster.events("offline")).isEmpty();
            assertThat(cluster.instance(0).states().get("v1").online()).isTrue();
        }
    }

    private static ClusterScenario cluster(TestDatabase db, int instances) throws SQLException {
        return new ClusterScenario(db::open, FleetSettings.defaults(), Fixes.START, instances, List.of(YARD));
    }

    /** Drives into the yard above the speed limit, stands there for two minutes and drives out slowly. */
    private static List<Telemetry> yardVisit() {
        return new TrackBuilder("v1", Fixes.START, CENTRE_LATITUDE - 0.02, CENTRE_LONGITUDE)
                .driveTo(CENTRE_LATITUDE, CENTRE_LONGITUDE, 130)
                .halt(Duration.ofMinutes(2))
                .driveTo(CENTRE_LATITUDE + 0.02, CENTRE_LONGITUDE, 36)
                .fixes();
    }

    /** Stands for four minutes, drives 2 km and stands for four minutes again. */
    private static List<Telemetry> tripBetweenStops() {
        return new TrackBuilder("v1", Fixes.START, 52.5, 13.4)
                .halt(Duration.ofMinutes(4))
                .driveTo(52.518, 13.4, 40)
                .halt(Duration.ofMinutes(4))
                .fixes();
    }

    private static boolean isAtOrAfter(VehicleState state, VehicleState previous) {
        int byTime = state.fixTime().compareTo(previous.fixTime());
        return byTime > 0 || (byTime == 0 && state.seq() >= previous.seq());
    }

    private static double odometerM(Connection connection) throws SQLException {
        try (connection) {
            return new OdometerStore()
                    .findAll(connection).stream()
                            .filter(odometer -> odometer.vehicleId().equals("v1"))
                            .findFirst()
                            .orElseThrow()
                            .distanceM();
        }
    }
}
