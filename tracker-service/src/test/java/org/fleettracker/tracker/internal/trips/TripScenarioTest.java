package org.fleettracker.tracker.internal.trips;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.fleet.FleetRules;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.FleetScenario;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Trips through the real ingest pipeline and fleet rules, with a test clock. */
class TripScenarioTest {

    private static final double LATITUDE = 52.5;
    private static final double LONGITUDE = 13.4;
    private static final double ONE_KM_NORTH = LATITUDE + 0.009;
    private static final Duration PARKED = Duration.ofMinutes(4);

    @TempDir
    Path dataDir;

    @Test
    void route_gives_two_closed_trips() throws SQLException {
        var route = track().halt(PARKED)
                .driveTo(ONE_KM_NORTH, LONGITUDE, 36)
                .halt(PARKED)
                .driveTo(LATITUDE, LONGITUDE, 54)
                .halt(PARKED)
                .fixes();

        try (var scenario = scenario()) {
            scenario.drive(route);

            List<Trip> trips = trips(scenario);
            assertThat(trips).extracting(Trip::open).containsExactly(false, false);
            assertThat(trips.get(0).endLatitudeDeg()).isEqualTo(ONE_KM_NORTH);
            assertThat(trips.get(1).endLatitudeDeg()).isEqualTo(LATITUDE);
            assertThat(trips.get(0).distanceM()).isCloseTo(distanceM(LATITUDE, ONE_KM_NORTH), within(1.0));
            assertThat(trips.get(1).maxSpeedKmh()).isEqualTo(54);
            assertThat(stops(scenario)).extracting(Stop::open).containsExactly(false, false, true);
        }
    }

    @Test
    void speed_jitter_at_a_halt_keeps_the_stop() throws SQLException {
        TrackBuilder builder = track().halt(PARKED).driveTo(ONE_KM_NORTH, LONGITUDE, 36);
        List<Telemetry> route = new ArrayList<>(builder.fixes());
        Telemetry last = route.get(route.size() - 1);
        for (int i = 1; i <= 48; i++) {
            route.add(new Telemetry(
                    "v1",
                    last.seq() + i,
                    last.fixTime().plusSeconds(5L * i),
                    ONE_KM_NORTH,
                    LONGITUDE,
                    i % 2 == 0 ? 2.5 : 3.5,
                    0,
                    null,
                    5.0,
                    null,
                    true,
                    null,
                    null));
        }
        Telemetry halted = route.get(route.size() - 1);
        route.addAll(new TrackBuilder("v1", halted.fixTime(), ONE_KM_NORTH, LONGITUDE)
                .driveTo(LATITUDE, LONGITUDE, 36).halt(PARKED).fixes().stream()
                        .map(fix -> withSeq(fix, fix.seq() + halted.seq()))
                        .toList());

        try (var scenario = scenario()) {
            scenario.drive(route);

            assertThat(trips(scenario)).extracting(Trip::open).containsExactly(false, false);
        }
    }

    @Test
    void route_raises_trip_start_and_end() throws SQLException {
        var route = track().halt(PARKED)
                .driveTo(ONE_KM_NORTH, LONGITUDE, 36)
                .halt(PARKED)
                .driveTo(LATITUDE, LONGITUDE, 54)
                .halt(PARKED)
                .fixes();

        try (var scenario = scenario()) {
            scenario.drive(route);

            List<String> tripIds = trips(scenario).stream().map(Trip::tripId).toList();
            assertThat(scenario.events("trip-started"))
                    .extracting(event -> event.attributes().get("tripId"))
                    .isEqualTo(tripIds);
            assertThat(scenario.events("trip-ended"))
                    .extracting(event -> event.attributes().get("tripId"))
                    .isEqualTo(tripIds);
            assertThat(scenario.events("trip-updated")).isEmpty();
        }
    }

    @Test
    void late_fixes_inside_a_closed_trip_correct_it() throws SQLException {
        var builder = track().halt(PARKED).driveTo(LATITUDE + 0.004, LONGITUDE, 36);
        int detourStart = builder.fixes().size();
        builder.driveTo(LATITUDE + 0.005, LONGITUDE + 0.008, 72);
        int detourEnd = builder.fixes().size();
        List<Telemetry> route =
                builder.driveTo(ONE_KM_NORTH, LONGITUDE, 36).halt(PARKED).fixes();
        List<Telemetry> late = route.subList(detourStart, detourEnd);

        try (var scenario = scenario()) {
            scenario.drive(without(route, late));
            Trip before = trips(scenario).get(0);
            scenario.sendBatch(late);

            Trip after = trips(scenario).get(0);
            assertThat(trips(scenario)).hasSize(1);
            assertThat(after.tripId()).isEqualTo(before.tripId());
            assertThat(after.open()).isFalse();
            assertThat(after.maxSpeedKmh()).isEqualTo(72);
            double routeM = distanceM(LATITUDE, LATITUDE + 0.004)
                    + TrackBuilder.distanceM(LATITUDE + 0.004, LONGITUDE, LATITUDE + 0.005, LONGITUDE + 0.008)
                    + TrackBuilder.distanceM(LATITUDE + 0.005, LONGITUDE + 0.008, ONE_KM_NORTH, LONGITUDE);
            assertThat(before.distanceM()).isLessThan(routeM - 50);
            assertThat(after.distanceM()).isCloseTo(routeM, within(2.0));
            assertThat(after.positionCount()).isEqualTo(before.positionCount() + late.size());
        }
    }

    @Test
    void late_fixes_raise_trip_updated() throws SQLException {
        var builder = track().halt(PARKED).driveTo(LATITUDE + 0.004, LONGITUDE, 36);
        int detourStart = builder.fixes().size();
        builder.driveTo(LATITUDE + 0.005, LONGITUDE + 0.008, 72);
        int detourEnd = builder.fixes().size();
        List<Telemetry> route =
                builder.driveTo(ONE_KM_NORTH, LONGITUDE, 36).halt(PARKED).fixes();
        List<Telemetry> late = route.subList(detourStart, detourEnd);

        try (var scenario = scenario()) {
            scenario.drive(without(route, late));
            scenario.sendBatch(late);

            List<FleetEvent> updated = scenario.events("trip-updated");
            assertThat(updated).hasSize(1);
            assertThat(updated.get(0).attributes())
                    .containsEntry("tripId", trips(scenario).get(0).tripId())
                    .containsEntry("maxSpeedKmh", "72.0");
            assertThat(scenario.events("trip-started")).hasSize(1);
            assertThat(scenario.events("trip-ended")).hasSize(1);
        }
    }

    @Test
    void late_fixes_after_restart_correct_trip() throws SQLException {
        var builder = track().halt(PARKED).driveTo(LATITUDE + 0.004, LONGITUDE, 36);
        int detourStart = builder.fixes().size();
        builder.driveTo(LATITUDE + 0.005, LONGITUDE + 0.008, 72);
        int detourEnd = builder.fixes().size();
        List<Telemetry> route =
                builder.driveTo(ONE_KM_NORTH, LONGITUDE, 36).halt(PARKED).fixes();
        List<Telemetry> late = route.subList(detourStart, detourEnd);

        try (var scenario = scenario()) {
            scenario.drive(without(route, late));
            String tripId = trips(scenario).get(0).tripId();
            scenario.restart();
            scenario.sendBatch(late);

            List<Trip> trips = trips(scenario);
            assertThat(trips).extracting(Trip::tripId).containsExactly(tripId);
            assertThat(trips.get(0).maxSpeedKmh()).isEqualTo(72);
            assertThat(scenario.events("trip-updated")).hasSize(1);
        }
    }

    @Test
    void late_halt_fixes_split_the_trip() throws SQLException {
        var builder = track().halt(PARKED).driveTo(ONE_KM_NORTH, LONGITUDE, 36);
        int haltStart = builder.fixes().size();
        builder.halt(PARKED);
        int haltEnd = builder.fixes().size();
        List<Telemetry> route =
                builder.driveTo(LATITUDE, LONGITUDE, 36).halt(PARKED).fixes();
        // Without the halt's fixes but its last, the vehicle seems to pass through in one trip.
        List<Telemetry> late = route.subList(haltStart, haltEnd - 1);

        try (var scenario = scenario()) {
            scenario.drive(without(route, late));
            String firstId = trips(scenario).get(0).tripId();
            scenario.sendBatch(late);

            List<Trip> trips = trips(scenario);
            assertThat(trips).extracting(Trip::open).containsExactly(false, false);
            assertThat(trips.get(0).tripId()).isEqualTo(firstId);
            assertThat(stops(scenario)).hasSize(3);
        }
    }

    @Test
    void restart_continues_an_open_trip_without_duplicating_it() throws SQLException {
        var builder = track().halt(PARKED).driveTo(ONE_KM_NORTH, LONGITUDE, 36);
        int split = builder.fixes().size();
        List<Telemetry> route =
                builder.driveTo(LATITUDE + 0.018, LONGITUDE, 36).halt(PARKED).fixes();

        try (var scenario = scenario()) {
            scenario.drive(route.subList(0, split));
            String openId = trips(scenario).get(0).tripId();
            scenario.restart();
            scenario.drive(route.subList(split, route.size()));

            List<Trip> trips = trips(scenario);
            assertThat(trips).extracting(Trip::tripId).containsExactly(openId);
            assertThat(trips.get(0).open()).isFalse();
            assertThat(trips.get(0).distanceM()).isCloseTo(distanceM(LATITUDE, LATITUDE + 0.018), within(2.0));
            assertThat(scenario.events("trip-started")).hasSize(1);
            assertThat(scenario.events("trip-ended")).hasSize(1);
        }
    }

    @Test
    void silent_parked_vehicle_ends_trip() throws SQLException {
        var route = track().halt(PARKED)
                .driveTo(ONE_KM_NORTH, LONGITUDE, 36)
                .halt(Duration.ofSeconds(20))
                .fixes();

        try (var scenario = scenario()) {
            scenario.drive(route);
            scenario.advance(Duration.ofMinutes(4));

            assertThat(trips(scenario)).extracting(Trip::open).containsExactly(false);
            assertThat(scenario.events("trip-ended")).hasSize(1);
        }
    }

    private static Telemetry withSeq(Telemetry fix, long seq) {
        return new Telemetry(
                fix.vehicleId(),
                seq,
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
                fix.panic());
    }

    private FleetScenario scenario() {
        return new FleetScenario(dataDir, FleetSettings.defaults(), Fixes.START, FleetRules::standard);
    }

    private static TrackBuilder track() {
        return new TrackBuilder("v1", Fixes.START, LATITUDE, LONGITUDE);
    }

    private static List<Telemetry> without(List<Telemetry> route, List<Telemetry> held) {
        return route.stream().filter(fix -> !held.contains(fix)).toList();
    }

    private static List<Trip> trips(FleetScenario scenario) throws SQLException {
        try (Connection connection = scenario.database().connection()) {
            return new TripStore().findTrips(connection, new SegmentQuery("v1", null, null, null, 1_000));
        }
    }

    private static List<Stop> stops(FleetScenario scenario) throws SQLException {
        try (Connection connection = scenario.database().connection()) {
            return new TripStore().findStops(connection, new SegmentQuery("v1", null, null, null, 1_000));
        }
    }

    private static double distanceM(double fromLatitudeDeg, double toLatitudeDeg) {
        return TrackBuilder.distanceM(fromLatitudeDeg, LONGITUDE, toLatitudeDeg, LONGITUDE);
    }
}
