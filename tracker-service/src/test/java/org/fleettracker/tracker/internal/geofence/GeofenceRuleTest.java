package org.fleettracker.tracker.internal.geofence;

import org.fleettracker.protocol.api.FleetEvent;
import org.fleettracker.protocol.api.Telemetry;
import org.fleettracker.tracker.api.FleetSettings;
import org.fleettracker.tracker.internal.fleet.FleetRules;
import org.fleettracker.tracker.internal.fleet.JobRule;
import org.fleettracker.tracker.internal.fleet.VehicleLimits;
import org.fleettracker.tracker.internal.geo.Circle;
import org.fleettracker.tracker.internal.geo.Geo;
import org.fleettracker.tracker.internal.geo.GeoPoint;
import org.fleettracker.tracker.internal.geo.Polygon;
import org.fleettracker.tracker.testing.Fixes;
import org.fleettracker.tracker.testing.FleetScenario;
import org.fleettracker.tracker.testing.TrackBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeofenceRuleTest {

    private static final double CENTRE_LATITUDE = 46.05;
    private static final double CENTRE_LONGITUDE = 14.50;
    private static final GeoPoint YARD_CENTRE = new GeoPoint(CENTRE_LATITUDE, CENTRE_LONGITUDE);

    /** A circle of 200 m around the centre with a dwell time of 60 s. */
    private static final Geofence YARD = new Geofence(
            "yard", FleetScenario.FLEET, "Yard", new Circle(YARD_CENTRE, 200), null, Duration.ofSeconds(60));

    /** The east border of this square runs north along longitude 14.51 from 46.00 to 46.02 N. */
    private static final Geofence STRIP = new Geofence(
            "strip",
            FleetScenario.FLEET,
            "Strip",
            new Polygon(List.of(
                    new GeoPoint(46.00, 14.49),
                    new GeoPoint(46.00, 14.51),
                    new GeoPoint(46.02, 14.51),
                    new GeoPoint(46.02, 14.49),
                    new GeoPoint(46.00, 14.49))),
            null,
            null);

    private static final double METRES_PER_LONGITUDE_DEGREE = Geo.METRES_PER_DEGREE * Math.cos(Math.toRadians(46.01));

    @TempDir
    Path dataDir;

    @Test
    void drive_in_dwell_out_raises_three_events() throws SQLException {
        List<Telemetry> track = new TrackBuilder("v1", Fixes.START, north(-1_000), CENTRE_LONGITUDE)
                .driveTo(CENTRE_LATITUDE, CENTRE_LONGITUDE, 36)
                .halt(Duration.ofMinutes(2))
                .driveTo(north(1_000), CENTRE_LONGITUDE, 36)
                .fixes();

        try (FleetScenario scenario = scenario(FleetSettings.defaults(), YARD)) {
            scenario.drive(track);

            assertThat(geofenceEvents(scenario))
                    .extracting(FleetEvent::type)
                    .containsExactly(GeofenceRule.ENTERED, GeofenceRule.DWELL, GeofenceRule.LEFT);
            FleetEvent entered = scenario.events(GeofenceRule.ENTERED).get(0);
            assertThat(entered.vehicleId()).isEqualTo("v1");
            assertThat(entered.attributes()).containsEntry("geofenceId", "yard").containsEntry("name", "Yard");
            assertThat(distanceFromCentreM(track, entered.time())).isLessThanOrEqualTo(200 - 25);
            FleetEvent dwell = scenario.events(GeofenceRule.DWELL).get(0);
            assertThat(dwell.time()).isEqualTo(entered.time().plusSeconds(60));
            FleetEvent left = scenario.events(GeofenceRule.LEFT).get(0);
            assertThat(distanceFromCentreM(track, left.time())).isGreaterThan(200 + 25);
        }
    }

    @Test
    void zig_zag_along_border_raises_no_storm() throws SQLException {
        List<Telemetry> track = zigZagAlongStrip(10);

        try (FleetScenario scenario = scenario(FleetSettings.defaults(), STRIP)) {
            scenario.drive(track);

            assertThat(scenario.events(GeofenceRule.ENTERED)).hasSizeLessThanOrEqualTo(1);
            assertThat(scenario.events(GeofenceRule.LEFT)).isEmpty();
        }
    }

    @Test
    void zig_zag_with_small_hysteresis_crosses_every_time() throws SQLException {
        List<Telemetry> track = zigZagAlongStrip(10);

        try (FleetScenario scenario = scenario(FleetSettings.defaults().with("geofence-hysteresis-m", "5"), STRIP)) {
            scenario.drive(track);

            assertThat(scenario.events(GeofenceRule.ENTERED)).hasSizeGreaterThan(5);
            assertThat(scenario.events(GeofenceRule.LEFT)).hasSizeGreaterThan(5);
        }
    }

    @Test
    void shallow_fix_inside_does_not_enter() throws SQLException {
        List<Telemetry> fixes = List.of(fixAt("v1", 1, Fixes.START, 46.01, east(-15)));

        try (FleetScenario scenario = scenario(FleetSettings.defaults(), STRIP)) {
            scenario.drive(fixes);

            assertThat(scenario.events(GeofenceRule.ENTERED)).isEmpty();
        }
    }

    @Test
    void fix_deeper_than_hysteresis_setting_enters() throws SQLException {
        List<Telemetry> fixes = List.of(fixAt("v1", 1, Fixes.START, 46.01, east(-15)));

        try (FleetScenario scenario = scenario(FleetSettings.defaults().with("geofence-hysteresis-m", "10"), STRIP)) {
            scenario.drive(fixes);

            assertThat(scenario.events(GeofenceRule.ENTERED)).hasSize(1);
        }
    }

    @Test
    void first_fix_ever_inside_enters() throws SQLException {
        List<Telemetry> fixes = List.of(fixAt("v1", 1, Fixes.START, CENTRE_LATITUDE, CENTRE_LONGITUDE));

        try (FleetScenario scenario = scenario(FleetSettings.defaults(), YARD)) {
            scenario.drive(fixes);

            assertThat(scenario.events(GeofenceRule.ENTERED)).hasSize(1);
            assertThat(scenario.events(GeofenceRule.ENTERED).get(0).time()).isEqualTo(Fixes.START);
        }
    }

    @Test
    void late_fix_outside_does_not_leave() throws SQLException {
        Instant start = Fixes.START;
        List<Telemetry> inside = List.of(
                fixAt("v1", 2, start.plusSeconds(10), CENTRE_LATITUDE, CENTRE_LONGITUDE),
                fixAt("v1", 3, start.plusSeconds(20), CENTRE_LATITUDE, CENTRE_LONGITUDE));
        Telemetry lateOutside = fixAt("v1", 1, start, north(-1_000), CENTRE_LONGITUDE);

        try (FleetScenario scenario = scenario(FleetSettings.defaults(), YARD)) {
            scenario.drive(inside);
            scenario.sendBatch(List.of(lateOutside));

            assertThat(scenario.events(GeofenceRule.LEFT)).isEmpty();
            assertThat(scenario.events(GeofenceRule.ENTERED)).hasSize(1);
        }
    }

    @Test
    void dwell_is_raised_on_tick_without_new_fixes() throws SQLException {
        List<Telemetry> fixes = List.of(fixAt("v1", 1, Fixes.START, CENTRE_LATITUDE, CENTRE_LONGITUDE));

        try (FleetScenario scenario = scenario(FleetSettings.defaults(), YARD)) {
            scenario.drive(fixes);
            scenario.advance(Duration.ofSeconds(90));

            assertThat(scenario.events(GeofenceRule.DWELL)).hasSize(1);
            assertThat(scenario.events(GeofenceRule.DWELL).get(0).time()).isEqualTo(Fixes.START.plusSeconds(60));
        }
    }

    @Test
    void fleet_dwell_applies_when_geofence_sets_none() throws SQLException {
        Geofence noDwell = new Geofence("yard", FleetScenario.FLEET, "Yard", YARD.shape(), null, null);
        FleetSettings settings = FleetSettings.defaults().with("geofence-dwell", "PT5M");
        List<Telemetry> fixes = List.of(fixAt("v1", 1, Fixes.START, CENTRE_LATITUDE, CENTRE_LONGITUDE));

        try (FleetScenario scenario = scenario(settings, noDwell)) {
            scenario.drive(fixes);
            scenario.advance(Duration.ofMinutes(4));
            int beforeDwell = scenario.events(GeofenceRule.DWELL).size();
            scenario.advance(Duration.ofMinutes(2));

            assertThat(beforeDwell).isZero();
            assertThat(scenario.events(GeofenceRule.DWELL)).hasSize(1);
        }
    }

    @Test
    void restart_does_not_repeat_events() throws SQLException {
        Instant start = Fixes.START;
        try (FleetScenario scenario = scenario(FleetSettings.defaults(), YARD)) {
            scenario.drive(List.of(fixAt("v1", 1, start, CENTRE_LATITUDE, CENTRE_LONGITUDE)));
            scenario.advance(Duration.ofSeconds(90));

            scenario.restart();
            scenario.drive(List.of(
                    fixAt("v1", 2, start.plusSeconds(100), CENTRE_LATITUDE, CENTRE_LONGITUDE),
                    fixAt("v1", 3, start.plusSeconds(200), north(1_000), CENTRE_LONGITUDE)));

            assertThat(geofenceEvents(scenario))
                    .extracting(FleetEvent::type)
                    .containsExactly(GeofenceRule.ENTERED, GeofenceRule.DWELL, GeofenceRule.LEFT);
        }
    }

    @Test
    void other_fleet_geofence_raises_nothing() throws SQLException {
        Geofence otherFleet = new Geofence("north-yard", "north", "North yard", YARD.shape(), null, null);
        List<Telemetry> fixes = List.of(fixAt("v1", 1, Fixes.START, CENTRE_LATITUDE, CENTRE_LONGITUDE));

        try (FleetScenario scenario = scenario(FleetSettings.defaults(), otherFleet)) {
            scenario.drive(fixes);

            assertThat(geofenceEvents(scenario)).isEmpty();
        }
    }

    @Test
    void removed_geofence_raises_nothing_more() throws SQLException {
        GeofenceRegistry registry = new GeofenceRegistry();
        try (FleetScenario scenario = new FleetScenario(
                dataDir,
                FleetSettings.defaults(),
                Fixes.START,
                (settings, states) ->
                        FleetRules.standard(settings, states, new VehicleLimits(), registry, new JobRule()))) {
            store(scenario, YARD);
            scenario.drive(List.of(fixAt("v1", 1, Fixes.START, CENTRE_LATITUDE, CENTRE_LONGITUDE)));

            registry.remove("yard");
            scenario.drive(List.of(fixAt("v1", 2, Fixes.START.plusSeconds(10), north(1_000), CENTRE_LONGITUDE)));
            scenario.advance(Duration.ofMinutes(5));

            assertThat(geofenceEvents(scenario)).extracting(FleetEvent::type).containsExactly(GeofenceRule.ENTERED);
        }
    }

    @Test
    void speed_limit_is_the_lowest_of_containing_geofences() {
        GeofenceRegistry registry = new GeofenceRegistry();
        Instant time = Fixes.START;
        registry.put(stored(new Geofence("yard", "demo", "Yard", YARD.shape(), 30.0, null), time));
        registry.put(stored(new Geofence("inner", "demo", "Inner", new Circle(YARD_CENTRE, 50), 10.0, null), time));
        registry.put(stored(new Geofence("free", "demo", "Free", new Circle(YARD_CENTRE, 500), null, null), time));

        assertThat(registry.speedLimitKmhAt("demo", CENTRE_LATITUDE, CENTRE_LONGITUDE))
                .hasValue(10.0);
        assertThat(registry.speedLimitKmhAt("demo", north(100), CENTRE_LONGITUDE))
                .hasValue(30.0);
        assertThat(registry.speedLimitKmhAt("demo", north(300), CENTRE_LONGITUDE))
                .isEmpty();
        assertThat(registry.speedLimitKmhAt("north", CENTRE_LATITUDE, CENTRE_LONGITUDE))
                .isEmpty();
    }

    private FleetScenario scenario(FleetSettings settings, Geofence geofence) throws SQLException {
        FleetScenario scenario = new FleetScenario(dataDir, settings, Fixes.START, FleetRules::standard);
        store(scenario, geofence);
        return scenario;
    }

    private static void store(FleetScenario scenario, Geofence geofence) throws SQLException {
        try (Connection connection = scenario.database().connection()) {
            new GeofenceStore().insert(connection, geofence, GeofenceSource.API, Fixes.START);
        }
    }

    private static StoredGeofence stored(Geofence geofence, Instant time) {
        return new StoredGeofence(geofence, GeofenceSource.API, time);
    }

    /**
     * Returns a track that drives north along the strip's east border, swinging {@code swingM} metres inside and
     * outside it every 50 m.
     */
    private static List<Telemetry> zigZagAlongStrip(double swingM) {
        TrackBuilder builder =
                new TrackBuilder("v1", Fixes.START, 46.001, east(swingM)).interval(Duration.ofSeconds(2));
        double latitude = 46.001;
        for (int leg = 0; leg < 30; leg++) {
            latitude += 50 / Geo.METRES_PER_DEGREE;
            builder.driveTo(latitude, east(leg % 2 == 0 ? -swingM : swingM), 40);
        }
        return builder.fixes();
    }

    /** Returns the longitude {@code metres} east of the strip's east border (negative: west, inside). */
    private static double east(double metres) {
        return 14.51 + metres / METRES_PER_LONGITUDE_DEGREE;
    }

    /** Returns the latitude {@code metres} north of the yard's centre. */
    private static double north(double metres) {
        return CENTRE_LATITUDE + metres / Geo.METRES_PER_DEGREE;
    }

    private static double distanceFromCentreM(List<Telemetry> track, Instant fixTime) {
        List<Telemetry> matches = new ArrayList<>();
        track.stream().filter(fix -> fix.fixTime().equals(fixTime)).forEach(matches::add);
        Telemetry fix = matches.get(0);
        return Geo.distanceM(YARD_CENTRE, new GeoPoint(fix.latitudeDeg(), fix.longitudeDeg()));
    }

    private static Telemetry fixAt(String vehicleId, long seq, Instant time, double latitudeDeg, double longitudeDeg) {
        return Fixes.fix(vehicleId, seq, time, latitudeDeg, longitudeDeg);
    }

    /** Returns the geofence events only; the other standard rules (trips, status) raise their own. */
    private static List<FleetEvent> geofenceEvents(FleetScenario scenario) {
        return scenario.events().stream()
                .filter(event -> event.type().startsWith("geofence-"))
                .toList();
    }
}
